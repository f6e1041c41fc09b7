using PerfGate.Diagnostics;

namespace PerfGate.Verdicts;

/// <summary>
/// A PASS is only as good as the run could see: on a machine whose processes differ by 20% (docs/evaluation.md measured
/// such a day), a +10% regression passes too. So when benchmarks passed whose run could not have proven a slowdown of
/// their FAIL budget (<see cref="SettledTime.Unresolved"/>: the time rule found the budget beyond what the run could prove,
/// or the confirmation rounds dismissed a FAIL, so processes of the same code disagreed by more than it), the run says
/// so once, for information (PG0060): the build's verdict does not change, and unchanged code on a quiet machine hears
/// nothing. The benchmarks are named, most blind first, up to <see cref="Named"/>.
/// </summary>
public static class TimeResolutionRule
{
    /// <summary>How many benchmarks the message names; the rest are counted.</summary>
    public const int Named = 5;

    /// <param name="outcomes">The run's rows.</param>
    /// <param name="comparable">Whether a benchmark's time was judged against a comparable reference (a baseline
    /// measured elsewhere caps time at a warning anyway, and says so).</param>
    public static Finding? Judge(GateRequest request, IReadOnlyList<BenchmarkOutcome> outcomes, Func<string, bool> comparable)
    {
        if (request.Recording)
        {
            return null;
        }

        var compared = outcomes.Where(o => o.TimeRatio is not null && comparable(o.Key)).ToArray();
        var blind = compared
            // Time passed (a row can still be a WARN for another finding, BenchmarkDotNet's own warning say); a speed-up proven
            // the other way round is no PASS that missed anything.
            .Where(o => o.TimeUnresolved is not null && o.Status != "improved")
            .Select(o => (Outcome: o, Budget: request.Config.BudgetFor(o.Key).Time is var time ? (time.Fail ?? time.Lowest)!.Value : default))
            .OrderByDescending(x => (x.Outcome.SmallestDetectableChange ?? double.MaxValue) / x.Budget.Fraction)
            .ThenBy(x => x.Outcome.Key, StringComparer.Ordinal)
            .ToArray();
        if (blind.Length == 0)
        {
            return null;
        }

        var named = blind.Take(Named).Select(x => $"{x.Outcome.Key} ({x.Outcome.TimeUnresolved}, budget +{x.Budget})");
        var list = string.Join(", ", named) + (blind.Length > Named ? $", and {blind.Length - Named} more" : string.Empty);
        return new Finding(DiagnosticCatalog.TimeResolution, Tier.Pass,
            DiagnosticCatalog.TimeResolution.FormatMessage(blind.Length, compared.Length, list), null);
    }
}
