using PerfGate.Statistics;

namespace PerfGate.Verdicts;

/// <summary>
/// The time comparison of one benchmark in one round: this build's samples against the reference of that round (the base
/// build's samples from the same round in A/B mode, else the committed baseline's), allowing for the between-process
/// spread of the reference: the baseline's recorded one, and in A/B mode the base run's own launches'.
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
        var baseResult = request.IsAb ? round.Base?.Results.FirstOrDefault(r => r.Key == key && !r.Failed) : null;
        var reference = request.IsAb ? baseResult?.SamplesNs : entry?.SamplesNs;
        // In A/B mode the base's own processes show how far unchanged code lands apart here and now.
        var spread = Math.Max(entry?.ProcessSpread ?? 0, baseResult?.LaunchSpread ?? 0);
        return reference is null ? null : rule.Compare(reference, current.SamplesNs, request.Config.BudgetFor(key).Time, spread);
    }
}
