using System.Collections.Concurrent;
using System.Globalization;
using PerfGate.Baselines;
using PerfGate.Configuration;
using PerfGate.Diagnostics;
using PerfGate.Formatting;
using Perfolizer;
using Perfolizer.Horology;

namespace PerfGate.Statistics;

/// <summary>
/// PerfGate's time rule (README, "How a time regression is decided"; measured in docs/evaluation.md). A level's budget is the slowdown that must be
/// caught; the level is reached when the run proves a slowdown of more than half of it, that is when both hold:
/// <list type="bullet">
/// <item>the effect is large enough: the Hodges-Lehmann ratio of current to baseline is at least 1 + half the budget;</item>
/// <item>it is not noise: a one-sided Mann-Whitney test that current exceeds baseline by more than half the budget
/// (plus a 0.3 ns floor for very fast benchmarks) has p below <see cref="Alpha"/>.</item>
/// </list>
/// Gating at the full budget instead would catch a slowdown of exactly the budget only half the time (its estimate falls
/// below the budget as often as above); half the budget leaves room for the estimate's spread. The false alarms this
/// invites come from noise between processes, which the gate's confirmation runs remove.
/// When the baseline was recorded in several processes, the margin is measured from the fastest of them and must also
/// clear the slowest by a quarter of the budget (<see cref="ProcessNoise.MarginFor"/>): a shift that separate processes
/// of the unchanged code already showed is proven at no level, and a benchmark whose recording drew its slow mode does not
/// hide a slowdown measured in its fast mode.
/// Below <see cref="MinimumSamples"/> iterations on either side no time verdict is given.
/// </summary>
public sealed class RobustTimeComparisonRule : ITimeComparisonRule
{
    public const int MinimumSamples = 5;

    public const double Alpha = 0.01;

    /// <summary>Differences below this are timer and loop noise, whatever their relative size.</summary>
    public const double NoiseFloorNs = 0.3;

    /// <summary>Thread-safe: only Perfolizer's exact Mann-Whitney distribution for small samples is serialized (<see cref="OneSidedMannWhitney"/>).</summary>
    public TimeComparison Compare(IReadOnlyList<double> baselineNs, IReadOnlyList<double> currentNs, LevelThresholds thresholds, ProcessNoise? processNoise = null) =>
        CompareOnce(baselineNs, currentNs, thresholds, processNoise ?? ProcessNoise.None);

    private static TimeComparison CompareOnce(IReadOnlyList<double> baselineNs, IReadOnlyList<double> currentNs, LevelThresholds thresholds, ProcessNoise noise)
    {
        var baseline = new Sample(baselineNs, TimeUnit.Nanosecond);
        var current = new Sample(currentNs, TimeUnit.Nanosecond);
        var ratio = PairwiseMedian.Ratio(currentNs, baselineNs);
        var lowest = thresholds.Lowest;
        if (lowest is null)
        {
            return new TimeComparison(ratio, Tier.Pass, null, false, "no time budget is set");
        }

        // A shift below the noise floor is timer resolution, however large it is relative to a sub-nanosecond benchmark.
        // The shift's own estimate is needed only near the floor; far above it the medians tell (and it costs a second pass).
        var currentMedian = Median(currentNs);
        var baselineMedian = Median(baselineNs);
        var medianShift = currentMedian - baselineMedian;
        if (medianShift < 10 * NoiseFloorNs && PairwiseMedian.Shift(currentNs, baselineNs) <= NoiseFloorNs)
        {
            // Most unchanged benchmarks end here (about half measure a little faster): whether the run could have seen a
            // regression of the budget costs one more test, and the search for the figure only when it could not.
            var unresolved = baseline.Size >= MinimumSamples && current.Size >= MinimumSamples && currentMedian > 0 && baselineMedian > 0
                && BudgetToResolve(thresholds, baselineMedian) is double budget && !Provable(baseline, current, baselineMedian, currentMedian, budget, noise);
            // This branch also takes every speed-up; calling a large one "below the noise floor" misled readers of the report.
            // The change shown is the report row's own ratio, so the row and its evidence agree.
            var evidence = medianShift < -NoiseFloorNs
                ? $"no slowdown: it measured {UnitFormat.Change(ratio)}"
                : $"the shift is below the {NoiseFloorNs} ns noise floor";
            return new TimeComparison(ratio, Tier.Pass, null, false, evidence,
                unresolved ? SmallestDetectableChange(baseline, current, baselineMedian, currentMedian, noise) : null, unresolved);
        }

        if (baseline.Size < MinimumSamples || current.Size < MinimumSamples)
        {
            var tooFew = $"{baseline.Size} baseline and {current.Size} current iterations; at least {MinimumSamples} each are needed for a time verdict";
            return ratio >= 1 + lowest.Value.Fraction
                ? new TimeComparison(ratio, Tier.Pass, lowest, true, tooFew)
                : new TimeComparison(ratio, Tier.Pass, null, false, tooFew);
        }

        string? lastEvidence = null;
        var unprovenPastFail = false;
        var unprovenPastWarn = false;
        foreach (var (tier, threshold) in thresholds.MostSevereFirst())
        {
            var margin = noise.MarginFor(threshold);
            if (ratio < 1 + margin)
            {
                continue;
            }

            unprovenPastFail |= tier >= Tier.Fail;
            unprovenPastWarn |= tier == Tier.Warn;
            var pValue = OneSidedPValue(currentNs, baselineNs, margin);
            lastEvidence = Evidence(pValue, baseline.Size, current.Size, MarginReason(noise, threshold), margin);
            if (pValue < Alpha)
            {
                return new TimeComparison(ratio, tier, threshold, false, lastEvidence, WarnPastFailMargin: tier == Tier.Warn && unprovenPastFail);
            }
        }

        // No level proven. A slowdown past half a budget (or the recorded spread) that the test could not confirm is not a
        // warning either: unchanged code drew such shifts in the evaluation (docs/evaluation.md), and a warning needs proof
        // as a failure does. The evidence still says what this run could have proven.
        var detectable = SmallestDetectableChange(baseline, current, baselineMedian, currentMedian, noise);
        var unresolvedBudget = BudgetToResolve(thresholds, baselineMedian) is double toResolve && !(detectable <= toResolve + 1e-9);
        var resolution = detectable is double d
            ? $"the smallest slowdown this run could have proven is +{d:0.#%}"
            : $"this run could not have proven a slowdown of even +{DetectableChanges[^1]:0%}";
        if (lastEvidence is not null)
        {
            return new TimeComparison(ratio, Tier.Pass, lowest, false, $"not proven: {lastEvidence}; {resolution}", detectable, unresolvedBudget, unprovenPastFail,
                unprovenPastWarn);
        }

        return new TimeComparison(ratio, Tier.Pass, null, false, "within budget", detectable, unresolvedBudget);
    }

    /// <summary>
    /// The budget a PASS must have been able to see, as a fraction: the FAIL level's (the lowest level's without one). Null
    /// when the gate never promises to see it: no budget, or a slowdown of that size under the noise floor.
    /// </summary>
    public static double? BudgetToResolve(LevelThresholds thresholds, double baselineMedian) =>
        (thresholds.Fail ?? thresholds.Lowest)?.Fraction is double fraction && fraction * baselineMedian > NoiseFloorNs ? fraction : null;

    /// <summary>
    /// Whether a slowdown of <paramref name="change"/> (a fraction) with this run's spread passes the decision's test, at the
    /// margin the decision would use for a budget of that size: with a baseline whose recording processes disagreed, that
    /// margin is wider than half the change (<see cref="ProcessNoise.MarginFor"/>), and a change no larger than it is never
    /// proven, however quiet this run.
    /// </summary>
    private static bool Provable(Sample baseline, Sample current, double baselineMedian, double currentMedian, double change, ProcessNoise noise)
    {
        var margin = noise.MarginFor(new Percent(change * 100));
        return change > margin
            && OneSidedPValue(current.Values.Select(v => v / currentMedian * baselineMedian * (1 + change)).ToArray(), baseline.Values, margin) < Alpha;
    }

    /// <summary>The relative slowdowns tried, smallest first, when working out what a run could have detected.</summary>
    internal static readonly double[] DetectableChanges = [0.01, 0.02, 0.03, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.5, 0.75, 1, 2, 5, 10];

    /// <summary>The largest slowdown tried (a fraction): a run that could not prove even this has no figure.</summary>
    public static double LargestDetectableChange => DetectableChanges[^1];

    /// <summary>
    /// The smallest slowdown (a fraction) this pair of runs could have proven: current samples with this run's own spread,
    /// moved to the baseline's median and then made that much slower, pass the same test the decision uses. Null when
    /// even the largest tried would not.
    /// </summary>
    internal static double? SmallestDetectableChange(Sample baseline, Sample current, ProcessNoise? noise = null) =>
        SmallestDetectableChange(baseline, current, Median(baseline.Values), Median(current.Values), noise ?? ProcessNoise.None);

    private static double? SmallestDetectableChange(Sample baseline, Sample current, double baselineMedian, double currentMedian, ProcessNoise noise)
    {
        if (currentMedian <= 0 || baselineMedian <= 0)
        {
            return null;
        }

        foreach (var change in DetectableChanges)
        {
            if (Provable(baseline, current, baselineMedian, currentMedian, change, noise))
            {
                return change;
            }
        }

        return null;
    }

    /// <summary>A side's median, computed once per sample list (<see cref="SampleSummary"/>): every rule and report row asks for it.</summary>
    private static double Median(IReadOnlyList<double> values) => SampleSummary.MedianOf(values);

    /// <summary>The Mann-Whitney thresholds by margin: a suite asks for a handful of margins a thousand times, each parsed once.</summary>
    private static readonly ConcurrentDictionary<double, OneSidedMannWhitney.Margin> Margins = new();

    /// <summary>p-value of "current is slower than baseline by more than the margin (a fraction)" (Perfolizer's Mann-Whitney test).</summary>
    internal static double OneSidedPValue(IReadOnlyList<double> current, IReadOnlyList<double> baseline, double margin) =>
        OneSidedMannWhitney.PValue(current, baseline, Margins.GetOrAdd(margin, static m => OneSidedMannWhitney.Margin.Of(m, NoiseFloorNs)));

    /// <summary>
    /// What set the margin, in the words the evidence puts after it. A margin of 4.7% for a 10% budget labelled just "half
    /// the budget" read as a miscalculation in the evaluation's reports: the pooled median lay above the baseline's fastest
    /// recording process, and the margin is measured from the processes (<see cref="ProcessNoise.MarginFor"/>).
    /// </summary>
    private static string MarginReason(ProcessNoise noise, Percent budget) =>
        noise.WidensMarginFor(budget) ? "allowing for the spread between the baseline's recording processes"
        : !noise.NarrowsMarginFor(budget) ? "half the budget"
        : noise.SlowestSetsMarginFor(budget) ? "a quarter of the budget above the baseline's slowest recording process"
        : "half the budget above the baseline's fastest recording process";

    private static string Evidence(double pValue, int baselineCount, int currentCount, string why, double margin)
    {
        return string.Create(CultureInfo.InvariantCulture,
            $"Mann-Whitney {PValueText(pValue)} that it is more than {margin * 100:0.##}% ({why}) slower, needs p<{Alpha}; {baselineCount} vs {currentCount} iterations");
    }

    /// <summary>"p=0.0042", or "p&lt;0.0001" for what would round to zero (a p-value is never exactly 0).</summary>
    internal static string PValueText(double pValue) =>
        pValue < 0.0001 ? "p<0.0001" : string.Create(CultureInfo.InvariantCulture, $"p={pValue:0.####}");
}
