using PerfGate.Diagnostics;

namespace PerfGate.Verdicts;

/// <summary>One row of the summary: a benchmark case, what it measured against its baseline, and its verdict.</summary>
/// <param name="Status">PASS, WARN, FAIL or BLOCK, or a word for a case that was not compared: new, missing, ignored, failed, recorded.</param>
public sealed record BenchmarkOutcome(
    string Key,
    Tier Verdict,
    string Status,
    double? BaselineMedianNs,
    double? CurrentMedianNs,
    double? TimeRatio,
    long? BaselineAllocatedBytes,
    long? CurrentAllocatedBytes,
    string? TimeEvidence,
    double? SmallestDetectableChange = null);
