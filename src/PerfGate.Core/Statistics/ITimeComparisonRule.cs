using PerfGate.Configuration;

namespace PerfGate.Statistics;

/// <summary>
/// Decides whether a benchmark's time regressed against its baseline under a budget. The one replaceable part of the
/// verdict for time: the evaluator knows nothing of how the decision is made.
/// </summary>
public interface ITimeComparisonRule
{
    /// <param name="baselineNs">The baseline's nanoseconds per operation, one value per iteration.</param>
    /// <param name="currentNs">This run's nanoseconds per operation, one value per iteration.</param>
    /// <param name="thresholds">The benchmark's time budget.</param>
    TimeComparison Compare(IReadOnlyList<double> baselineNs, IReadOnlyList<double> currentNs, LevelThresholds thresholds);
}
