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

    /// <summary>
    /// The confirmation rounds taken together: every round's samples of this build against that round's reference (the
    /// base build's samples of the same rounds in A/B mode, else the committed baseline). The first round is left out: it
    /// is the one that flagged the benchmark, so it leans slow. Null when no confirmation round measured the benchmark on
    /// both sides.
    /// </summary>
    public TimeComparison? CompareConfirmations(GateRequest request, string key)
    {
        var reference = new List<double>();
        var current = new List<double>();
        foreach (var round in request.ConfirmationRounds)
        {
            if (Sides(request, key, round) is ({ } roundReference, { } roundCurrent, _))
            {
                // The committed baseline is the same reference for every round: taken once.
                if (request.IsAb || reference.Count == 0)
                {
                    reference.AddRange(roundReference);
                }

                current.AddRange(roundCurrent);
            }
        }

        return current.Count == 0 ? null : rule.Compare(reference, current, request.Config.BudgetFor(key).Time, Noise(request, key));
    }

    private TimeComparison? CompareOnce(GateRequest request, string key, MeasurementRound round)
    {
        if (Sides(request, key, round) is not ({ } reference, { } current, var paired))
        {
            return null;
        }

        var comparison = rule.Compare(reference, current, request.Config.BudgetFor(key).Time, Noise(request, key));
        return paired ? comparison with { Evidence = comparison.Evidence + PairedEvidence } : comparison;
    }

    /// <summary>What the evidence adds when the launches that ran together were compared pair by pair (<see cref="LaunchPairing"/>).</summary>
    public const string PairedEvidence = "; each pair of launches that ran together taken at its own speed";

    /// <summary>
    /// The reference's and this build's samples of one round; null when the round did not measure the benchmark on both
    /// sides. With launches that ran together (shared-cpu), each pair's shared phase is removed first (<see cref="LaunchPairing"/>).
    /// </summary>
    private static (IReadOnlyList<double> Reference, IReadOnlyList<double> Current, bool Paired)? Sides(GateRequest request, string key, MeasurementRound round)
    {
        var current = round.Current.Measured(key);
        if (current is null)
        {
            return null;
        }

        if (!request.IsAb)
        {
            return Entry(request, key)?.SamplesNs is IReadOnlyList<double> baselineSamples ? (baselineSamples, current.SamplesNs, false) : null;
        }

        var reference = round.Base?.Measured(key);
        if (reference is null)
        {
            return null;
        }

        return request.SharedCpu is not null && LaunchPairing.Align(reference.ProcessSamplesNs, current.ProcessSamplesNs) is ({ } pairedReference, { } pairedCurrent)
            ? (pairedReference, pairedCurrent, true)
            : (reference.SamplesNs, current.SamplesNs, false);
    }

    /// <summary>
    /// A baseline's recorded spread describes processes measured at another time; in A/B mode both sides are measured
    /// minutes apart, and a FAIL must repeat in new pairs of processes, so no recorded spread widens the margin.
    /// </summary>
    private static Baselines.ProcessNoise? Noise(GateRequest request, string key) => request.IsAb ? null : Entry(request, key)?.ProcessNoise;

    private static Baselines.BaselineEntry? Entry(GateRequest request, string key) =>
        request.Baseline is not null && request.Baseline.Entries.TryGetValue(key, out var found) ? found : null;
}
