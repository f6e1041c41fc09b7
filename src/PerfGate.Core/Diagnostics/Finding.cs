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
}
