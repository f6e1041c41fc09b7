using PerfGate.Statistics;

namespace PerfGate.Verdicts;

/// <summary>
/// The time comparison of one benchmark in one round: this build's samples against the reference of that round (the base
/// build's samples from the same round in A/B mode, else the committed baseline's), with the baseline's recorded
/// between-process spread when it has one.
/// </summary>
public sealed class TimeJudge(ITimeComparisonRule rule)
{
    /// <summary>Null when the round did not measure the benchmark on both sides.</summary>
    public TimeComparison? Compare(GateRequest request, string key, MeasurementRound round)
    {
        var current = round.Current.Results.FirstOrDefault(r => r.Key == key);
        if (current is null || current.Failed)
        {
            return null;
        }

        var entry = request.Baseline is not null && request.Baseline.Entries.TryGetValue(key, out var found) ? found : null;
        IReadOnlyList<double>? reference = request.IsAb
            ? round.Base?.Results.FirstOrDefault(r => r.Key == key && !r.Failed)?.SamplesNs
            : entry?.SamplesNs;
        return reference is null ? null : rule.Compare(reference, current.SamplesNs, request.Config.BudgetFor(key).Time, entry?.ProcessSpread ?? 0);
    }
}
