using PerfGate.Baselines;
using Perfolizer;
using Perfolizer.Horology;
using Perfolizer.Mathematics.SignificanceTesting.Base;
using Perfolizer.Mathematics.SignificanceTesting.MannWhitney;
using Perfolizer.Metrology;

namespace PerfGate.Evaluation;

/// <summary>
/// dotnet/performance ResultsComparer's rule, re-implemented from its documentation: Mann-Whitney tests on the raw
/// iteration values (Statistics.OriginalValues) against a relative threshold (5%, as its docs suggest) and against a
/// 0.3 ns noise floor, alpha 0.05; "Slower" only when both say so. Here "Slower" counts as a failure (ResultsComparer
/// itself never fails a build). No allocations.
/// </summary>
internal sealed class ResultsComparerRule : IEvaluatedRule
{
    private const double Alpha = 0.05;
    private static readonly Threshold Relative = Threshold.Parse("5%");
    private static readonly Threshold Noise = Threshold.Parse("0.3ns");

    public string Name => "mann-whitney-5%";

    public BenchmarkOutcome Judge(Trial trial, string benchmark, BaselineEntry baseline)
    {
        var current = trial.Measured.Results.FirstOrDefault(r => r.Key == benchmark);
        if (current is null || current.Failed)
        {
            return new BenchmarkOutcome(Outcome.Fail, Outcome.Pass);
        }

        var x = new Sample(current.SamplesNs, TimeUnit.Nanosecond);
        var y = new Sample(baseline.SamplesNs, TimeUnit.Nanosecond);
        var slower = PValue(x, y, Relative) < Alpha && PValue(x, y, Noise) < Alpha;
        return new BenchmarkOutcome(slower ? Outcome.Fail : Outcome.Pass, Outcome.Pass);
    }

    private static double PValue(Sample current, Sample baseline, Threshold threshold) =>
        MannWhitneyTest.Instance.Perform(current, baseline, AlternativeHypothesis.Greater, threshold).PValue;
}
