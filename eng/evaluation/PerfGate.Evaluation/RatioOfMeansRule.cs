using PerfGate.Baselines;

namespace PerfGate.Evaluation;

/// <summary>
/// github-action-benchmark's rule, re-implemented from its documentation: alert when the current mean divided by the
/// previous mean exceeds the alert threshold (its default is 200%). No statistics, no allocations.
/// </summary>
internal sealed class RatioOfMeansRule(double thresholdPercent) : IEvaluatedRule
{
    public string Name => $"ratio-of-means-{thresholdPercent:0}%";

    public BenchmarkOutcome Judge(Trial trial, string benchmark, BaselineEntry baseline)
    {
        var current = trial.Measured.Results.FirstOrDefault(r => r.Key == benchmark);
        if (current is null || current.Failed)
        {
            return new BenchmarkOutcome(Outcome.Fail, Outcome.Pass);
        }

        var ratio = current.SamplesNs.Average() / baseline.SamplesNs.Average();
        return new BenchmarkOutcome(ratio > 1 + (thresholdPercent / 100) ? Outcome.Fail : Outcome.Pass, Outcome.Pass);
    }
}
