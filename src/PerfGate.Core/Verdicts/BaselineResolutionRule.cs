using System.Globalization;
using PerfGate.Baselines;
using PerfGate.Configuration;
using PerfGate.Diagnostics;
using PerfGate.Statistics;

namespace PerfGate.Verdicts;

/// <summary>
/// A baseline is only as good as its recording: when the recording processes of a benchmark landed so far apart that the
/// margin the time rule must clear (<see cref="ProcessNoise.MarginFor"/>) is the FAIL budget or more, no slowdown of that
/// budget can ever fail against this entry, however quiet the later run (seen in docs/evaluation.md, 2026-12-02 afternoon:
/// a recording whose first processes ran in a slow phase). The recording says so at once (PG0061), for information, so the
/// entry is re-recorded before it is committed, not discovered through PG0060 later.
/// </summary>
public static class BaselineResolutionRule
{
    /// <summary>How many benchmarks the message names; the rest are counted.</summary>
    public const int Named = 5;

    /// <param name="recorded">The keys this recording measured (an entry recorded earlier is not this run's business).</param>
    public static Finding? Judge(Baseline baseline, IEnumerable<string> recorded, GateConfig config)
    {
        var blind = recorded
            .Distinct(StringComparer.Ordinal)
            .Where(baseline.Entries.ContainsKey)
            .Select(key => (Key: key, Noise: baseline.Entries[key].ProcessNoise, Budget: FailBudget(baseline.Entries[key], config.BudgetFor(key).Time)))
            .Where(x => x.Budget is { } budget && x.Noise.MarginFor(budget) >= budget.Fraction)
            .OrderByDescending(x => x.Noise.Spread)
            .ThenBy(x => x.Key, StringComparer.Ordinal)
            .ToArray();
        if (blind.Length == 0)
        {
            return null;
        }

        var named = blind.Take(Named).Select(x => string.Create(CultureInfo.InvariantCulture,
            $"{x.Key} (processes {x.Noise.Spread:0.#%} apart, a FAIL must be proven past +{x.Noise.MarginFor(x.Budget!.Value):0.#%}, budget +{x.Budget})"));
        var list = string.Join(", ", named) + (blind.Length > Named ? $", and {blind.Length - Named} more" : string.Empty);
        return new Finding(DiagnosticCatalog.BaselineResolution, Tier.Pass, DiagnosticCatalog.BaselineResolution.FormatMessage(blind.Length, list), null);
    }

    /// <summary>
    /// True when this entry's recording processes landed so far apart that no slowdown of its FAIL budget can fail against
    /// it (what PG0061 names at recording). Against such an entry the gate checks every run beside the baseline's commit
    /// (<see cref="TimeRegressionRule.NeedsBaselineCommitCheck"/>).
    /// </summary>
    public static bool CannotResolveFailBudget(BaselineEntry entry, LevelThresholds time) =>
        FailBudget(entry, time) is { } budget && entry.ProcessNoise.MarginFor(budget) >= budget.Fraction;

    /// <summary>The budget PG0060 holds a run to (the FAIL level's; none under the noise floor), as a Percent for the margin.</summary>
    private static Percent? FailBudget(BaselineEntry entry, LevelThresholds time) =>
        RobustTimeComparisonRule.BudgetToResolve(time, entry.MedianNs) is double fraction ? new Percent(fraction * 100) : null;
}
