using System.Collections.Concurrent;
using PerfGate.Statistics;

namespace PerfGate.Verdicts;

/// <summary>
/// The time comparison of one benchmark in one round: this build's samples against the reference of that round (the base
/// build's samples from the same round in A/B mode, else the committed baseline's, allowing for the between-process
/// spread the baseline recorded).
/// </summary>
public sealed class TimeJudge(ITimeComparisonRule rule)
{
    // The rules ask for the same comparison several times (the finding, the report's row, whether to confirm); it is the
    // costly part of judging a large suite, so each is made once per run, reference and config. Every core reads these at
    // once, hence a concurrent dictionary (a lock around a plain one was the most contended spot of a 1,000-case compare).
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<Results.BenchmarkRun, ConcurrentDictionary<string, (object? Base, object? Baseline, object Config, TimeComparison? Result)>> made = new();

    /// <summary>Null when the round did not measure the benchmark on both sides.</summary>
    public TimeComparison? Compare(GateRequest request, string key, MeasurementRound round)
    {
        var known = made.GetOrCreateValue(round.Current);
        if (known.TryGetValue(key, out var cached) && ReferenceEquals(cached.Base, round.Base) && ReferenceEquals(cached.Baseline, request.Baseline)
            && ReferenceEquals(cached.Config, request.Config))
        {
            return cached.Result;
        }

        var result = CompareOnce(request, key, round);
        known[key] = (round.Base, request.Baseline, request.Config, result);
        return result;
    }

    private TimeComparison? CompareOnce(GateRequest request, string key, MeasurementRound round)
    {
        var current = round.Current.Results.FirstOrDefault(r => r.Key == key);
        if (current is null || current.Failed)
        {
            return null;
        }

        var entry = request.Baseline is not null && request.Baseline.Entries.TryGetValue(key, out var found) ? found : null;
        var reference = request.IsAb ? round.Base?.Results.FirstOrDefault(r => r.Key == key && !r.Failed)?.SamplesNs : entry?.SamplesNs;
        // A baseline's recorded spread describes processes measured at another time; in A/B mode both sides are measured
        // minutes apart, and a FAIL must repeat in new pairs of processes, so no recorded spread widens the margin.
        var noise = request.IsAb ? null : entry?.ProcessNoise;
        return reference is null ? null : rule.Compare(reference, current.SamplesNs, request.Config.BudgetFor(key).Time, noise);
    }
}
