namespace PerfGate.Diagnostics;

/// <summary>
/// One rule of <see cref="DiagnosticCatalog"/>: its three-digit number, the tiers it may be reported at, and its message.
/// The code of a finding is <c>PG</c> + tier digit + rule number, so a rule keeps its last three digits at every tier.
/// </summary>
/// <param name="Number">The rule's number, 1 to 999; never reused once retired.</param>
/// <param name="Title">A short title, used in the docs and the report.</param>
/// <param name="Tiers">The tiers this rule may be reported at.</param>
/// <param name="MessageFormat">A composite format string; its arguments are documented beside each rule.</param>
public sealed record DiagnosticRule(int Number, string Title, IReadOnlyList<Tier> Tiers, string MessageFormat)
{
    /// <summary>The diagnostic code of this rule at <paramref name="tier"/>, for example PG2001.</summary>
    public string CodeAt(Tier tier)
    {
        if (!Tiers.Contains(tier))
        {
            throw new ArgumentOutOfRangeException(nameof(tier), tier, $"Rule {Number:000} ({Title}) is never reported at {tier}.");
        }

        return $"PG{(int)tier}{Number:000}";
    }

    /// <summary>Every code this rule can produce.</summary>
    public IEnumerable<string> AllCodes => Tiers.Select(CodeAt);

    /// <summary>
    /// The message with its arguments; text arguments are kept on one line (a benchmark name or [Params] value with a newline
    /// must not split a diagnostic), except <see cref="Formatting.MultilineText"/>, which is meant to span lines.
    /// </summary>
    public string FormatMessage(params object?[] arguments) =>
        string.Format(System.Globalization.CultureInfo.InvariantCulture, MessageFormat,
            arguments.Select(a => a is string text ? Formatting.OneLine.Escape(text) : a).ToArray());
}
