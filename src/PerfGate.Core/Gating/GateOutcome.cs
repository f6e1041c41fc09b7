using PerfGate.Verdicts;

namespace PerfGate.Gating;

/// <summary>What a gated run ended with: the verdict and findings, and where its report was written.</summary>
/// <param name="Result">For a replayed run, the last run's findings and no rows.</param>
/// <param name="ReportPath">report.json.</param>
/// <param name="ReportFiles">The report files people read that this run wrote (or, replayed, that the last run wrote).</param>
public sealed record GateOutcome(GateResult Result, string ReportPath, IReadOnlyList<string>? ReportFiles = null);
