using PerfGate.Diagnostics;

namespace PerfGate.Verdicts;

/// <summary>The outcome of a gated run: the build's verdict (the worst tier of any finding), the summary rows and the findings.</summary>
public sealed record GateResult(IReadOnlyList<BenchmarkOutcome> Outcomes, IReadOnlyList<Finding> Findings)
{
    public Tier Verdict => Findings.Count == 0 ? Tier.Pass : Findings.Max(f => f.Tier);

    /// <summary>Where this run was measured; null when nothing was (a blocked or replayed run).</summary>
    public Results.HostEnvironment? Environment { get; init; }

    public static GateResult Blocked(Finding finding) => new([], [finding]);
}
