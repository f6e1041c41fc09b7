using PerfGate.Verdicts;

namespace PerfGate.Gating;

/// <summary>What a gated run ended with: the verdict and findings, and where its report was written.</summary>
public sealed record GateOutcome(GateResult Result, string ReportPath);
