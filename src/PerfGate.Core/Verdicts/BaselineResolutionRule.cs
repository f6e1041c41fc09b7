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
            .Select(key => (Key: key, Entry: baseline.Entries[key], Why: Unresolvable(baseline.Entries[key], config.BudgetFor(key).Time)))
            .Where(x => x.Why is not null)
            .OrderByDescending(x => x.Entry.ProcessNoise.Spread)
            .ThenBy(x => x.Key, StringComparer.Ordinal)
            .ToArray();
        if (blind.Length == 0)
        {
            return null;
        }

        var named = blind.Take(Named).Select(x => $"{x.Key} ({x.Why})");
        var list = string.Join(", ", named) + (blind.Length > Named ? $", and {blind.Length - Named} more" : string.Empty);
        return new Finding(DiagnosticCatalog.BaselineResolution, Tier.Pass, DiagnosticCatalog.BaselineResolution.FormatMessage(blind.Length, list), null);
    }

    /// <summary>
    /// How this entry's recording processes landed so far apart that no slowdown of its FAIL budget can fail against it,
    /// as PG0061 names it ("processes 25.8% apart, a FAIL must be proven past +14%, budget +10%"); null when its recording
    /// can resolve that budget. Against such an entry the gate checks every run beside the baseline's commit
    /// (<see cref="TimeRegressionRule.CandidateForBaselineCommitCheck"/>).
    /// </summary>
    public static string? Unresolvable(BaselineEntry entry, LevelThresholds time) =>
        FailBudget(entry, time) is { } budget && entry.ProcessNoise.MarginFor(budget) >= budget.Fraction
            ? string.Create(CultureInfo.InvariantCulture,
                $"processes {entry.ProcessNoise.Spread:0.#%} apart, a FAIL must be proven past +{entry.ProcessNoise.MarginFor(budget):0.#%}, budget +{budget}")
            : null;

    /// <summary>The budget PG0060 holds a run to (the FAIL level's; none under the noise floor), as a Percent for the margin.</summary>
    private static Percent? FailBudget(BaselineEntry entry, LevelThresholds time) =>
        RobustTimeComparisonRule.BudgetToResolve(time, entry.MedianNs) is double fraction ? new Percent(fraction * 100) : null;
}
