namespace PerfGate.Diagnostics;

/// <summary>One diagnostic: a rule reported at a tier, with its message and where a developer can act on it.</summary>
/// <param name="AcceptCommand">For a regression, the command that accepts it (also in the message), so a report can show it
/// on its own without parsing the message.</param>
public sealed record Finding(DiagnosticRule Rule, Tier Tier, string Message, SourceLocation? Location, string? Benchmark = null, string? AcceptCommand = null)
{
    public string Code => Rule.CodeAt(Tier);

    public string HelpLink => DiagnosticCatalog.HelpLink(Code);

    /// <summary>The finding as it would be reported at another tier (FAIL downgraded by PerfGateFailOnRegression=false).</summary>
    public Finding AtTier(Tier tier) => this with { Tier = tier };

    /// <summary>
    /// The finding whose message lacks the sentence that tells how to accept it (<see cref="DiagnosticCatalog.AcceptLeadText"/>
    /// and the command; for an improvement <see cref="DiagnosticCatalog.LockInLeadText"/> and the command), for a report that
    /// shows <see cref="AcceptCommand"/> on a line of its own. A message without that sentence is kept as it is.
    /// </summary>
    public Finding WithoutAcceptSentence()
    {
        if (AcceptCommand is null)
        {
            return this;
        }

        var command = Formatting.OneLine.Escape(AcceptCommand);
        var message = Message.Replace(DiagnosticCatalog.AcceptLeadText + command, string.Empty, StringComparison.Ordinal)
            .Replace(DiagnosticCatalog.LockInLeadText + command, ".", StringComparison.Ordinal);
        return this with { Message = message };
    }
}
