using PerfGate.Configuration;
using PerfGate.Diagnostics;
using PerfGate.Formatting;
using PerfGate.Statistics;

namespace PerfGate.Verdicts;

/// <summary>
/// The slow tail of time per operation, for code where the worst iterations matter: <c>maxP99</c>, an absolute limit on
/// this run's P99 (PG2030), and <c>p99</c>, levels for the rise of P99 over the reference's (PG*009; off unless the config
/// sets them). A P99 of a few dozen iterations is close to their maximum, so one slow iteration moves it: a level is
/// reached only when P99 rises past the budget and at least <see cref="MinimumSlowIterations"/> iterations (or 1% of
/// them, if more) are slower than the reference's P99 plus the budget, that is when the tail moved, not one point.
/// This is a rule on estimates, not a significance test; give tail budgets to benchmarks with many iterations.
/// Against a baseline measured elsewhere (another machine, runtime or job) the relative rule is not applied.
/// </summary>
public sealed class TailLatencyRule : IBenchmarkRule
{
    public const int MinimumSlowIterations = 2;

    public IEnumerable<Finding> Judge(BenchmarkCase benchmark)
    {
        var result = benchmark.Result;
        var current = SampleSummary.Of(result.SamplesNs);
        if (current is null)
        {
            yield break;
        }

        var location = benchmark.Request.Locate(result.Key, result);
        // A P99 measured on a CPU shared with the other build (PerfGateAbSchedule=shared-cpu) is no lone time: not judged.
        if (benchmark.Budget.MaxP99 is Duration limit && current.P99Ns > limit.Nanoseconds && benchmark.Request.SharedCpu is null)
        {
            yield return new Finding(DiagnosticCatalog.TailLimitExceeded, Tier.Fail,
                DiagnosticCatalog.TailLimitExceeded.FormatMessage(result.Key, UnitFormat.Time(current.P99Ns), current.Count, limit), location, result.Key);
        }

        var reference = SampleSummary.Of(benchmark.Request.IsAb ? benchmark.BaseResult?.SamplesNs : benchmark.Entry?.SamplesNs);
        if (reference is null || benchmark.Differences.Count > 0 || reference.P99Ns <= 0)
        {
            yield break;
        }

        var p99Ratio = current.P99Ns / reference.P99Ns;
        var needed = Math.Max(MinimumSlowIterations, (int)Math.Ceiling(current.Count * 0.01));
        foreach (var (tier, threshold) in benchmark.Budget.P99Levels.MostSevereFirst())
        {
            var slow = result.SamplesNs.Count(ns => ns > reference.P99Ns * (1 + threshold.Fraction));
            if (p99Ratio > 1 + threshold.Fraction && slow >= needed)
            {
                var accept = benchmark.Request.Commands.Accept(result.MethodFilter);
                yield return new Finding(DiagnosticCatalog.TailRegression, tier,
                    DiagnosticCatalog.TailRegression.FormatMessage(result.Key, UnitFormat.Time(reference.P99Ns), UnitFormat.Time(current.P99Ns), UnitFormat.Change(p99Ratio),
                        slow, current.Count, tier.ToString().ToUpperInvariant(), threshold, accept),
                    location, result.Key, accept);
                yield break;
            }
        }
    }
}
