using PerfGate.Diagnostics;
using PerfGate.Results;
using PerfGate.Statistics;

namespace PerfGate.Verdicts;

/// <summary>
/// One row of the summary and of every report: a benchmark case, what it measured against its reference (the committed
/// baseline, or in A/B mode the base build's run), and its verdict. Reports compute no figure of their own: they format these.
/// </summary>
/// <param name="Status">PASS, WARN, FAIL or BLOCK, or a word for a case that was not compared: new, missing, ignored, failed, recorded.</param>
/// <param name="TimeEvidence">Why the time verdict is what it is: the test, its p-value, the sample counts, the confirmation rounds.</param>
/// <param name="TimeConfidence">The same in a few words (<see cref="SettledTime.Confidence"/>); null when time was not compared.</param>
/// <param name="BaselineSamplesNs">The reference's per-iteration times (the baseline's samples, or the base build's run).</param>
/// <param name="CurrentSamplesNs">This run's per-iteration times (its first round).</param>
/// <param name="ConfirmationSamplesNs">This build's per-iteration times in each confirmation round that measured it.</param>
/// <param name="BaseConfirmationSamplesNs">In A/B mode, the base build's per-iteration times in the same rounds, one entry
/// per entry of <paramref name="ConfirmationSamplesNs"/> (null where the base's process did not measure it); null otherwise.</param>
/// <param name="CheckedBeside">Against a committed baseline, the commit this benchmark's time was measured again beside
/// (<see cref="BaselineCommitCheck"/>): its verdict is that A/B comparison's, its figures the first run's; null otherwise.</param>
/// <param name="BaselineGc">The reference's collections per 1,000 operations; null when it has none (a baseline recorded before GC counts were kept).</param>
/// <param name="CurrentGc">This run's collections per 1,000 operations; null without the memory diagnoser.</param>
/// <param name="TimeUnresolved">Why time passed on a run that could not have seen a regression of the FAIL budget
/// (<see cref="SettledTime.Unresolved"/>, PG0060); null when it could.</param>
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
    double? SmallestDetectableChange = null,
    string? TimeConfidence = null,
    IReadOnlyList<double>? BaselineSamplesNs = null,
    IReadOnlyList<double>? CurrentSamplesNs = null,
    IReadOnlyList<IReadOnlyList<double>>? ConfirmationSamplesNs = null,
    GcCounts? BaselineGc = null,
    GcCounts? CurrentGc = null,
    string? TimeUnresolved = null,
    IReadOnlyList<IReadOnlyList<double>?>? BaseConfirmationSamplesNs = null,
    string? CheckedBeside = null)
{
    public SampleSummary? Baseline => SampleSummary.Of(BaselineSamplesNs);

    public SampleSummary? Current => SampleSummary.Of(CurrentSamplesNs);

    /// <summary>The benchmark class (namespace and type) of <see cref="Key"/>, as a test report's class name.</summary>
    public string ClassName => BenchmarkName.Split(Key).ClassName;

    /// <summary>The method and its [Params] values, as a test report's test name.</summary>
    public string CaseName => BenchmarkName.Split(Key).CaseName;
}
