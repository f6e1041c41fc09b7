using PerfGate.Configuration;
using PerfGate.Diagnostics;
using PerfGate.Statistics;

namespace PerfGate.Core.Tests;

[TestClass]
public sealed class RobustTimeComparisonRuleTests
{
    private static readonly LevelThresholds Budget = new(new Percent(5), new Percent(10), new Percent(50));
    private readonly RobustTimeComparisonRule rule = new();

    [TestMethod]
    public void Comparisons_made_on_every_core_at_once_give_what_one_at_a_time_gives()
    {
        // A large suite is judged in parallel; only Perfolizer's exact Mann-Whitney distribution is serialized. Sample sizes from 5 (its
        // exact distribution) to 60 (its approximation), shifts from none to +40%, zero-time references too.
        var random = new Random(11);
        var pairs = Enumerable.Range(0, 400).Select(i =>
        {
            var sizes = (Baseline: 5 + random.Next(56), Current: 5 + random.Next(56));
            var shift = 1 + (random.Next(5) * 0.1);
            var scale = i % 50 == 0 ? 0 : 100;
            return (Baseline: Enumerable.Range(0, sizes.Baseline).Select(_ => scale * (1 + (0.02 * random.NextDouble()))).ToArray(),
                Current: Enumerable.Range(0, sizes.Current).Select(_ => scale * shift * (1 + (0.02 * random.NextDouble()))).ToArray());
        }).ToArray();
        string Describe(TimeComparison c) => $"{c.Ratio:R} {c.Level} {c.Evidence} {c.SmallestDetectable}";

        var parallel = pairs.AsParallel().AsOrdered().WithDegreeOfParallelism(8).Select(p => Describe(rule.Compare(p.Baseline, p.Current, Budget))).ToArray();
        var serial = pairs.Select(p => Describe(rule.Compare(p.Baseline, p.Current, Budget))).ToArray();

        CollectionAssert.AreEqual(serial, parallel);
        Assert.IsTrue(serial.Any(s => s.Contains(" Fail ", StringComparison.Ordinal)) && serial.Any(s => s.Contains(" Pass ", StringComparison.Ordinal)));
    }

    [TestMethod]
    public void Identical_samples_pass()
    {
        var result = rule.Compare(Samples.Around(100), Samples.Around(100), Budget);

        Assert.AreEqual(Tier.Pass, result.Level);
        Assert.IsFalse(result.Inconclusive);
        Assert.AreEqual(1.0, result.Ratio, 1e-9);
    }

    [TestMethod]
    public void A_clear_twenty_percent_slowdown_is_a_fail()
    {
        var result = rule.Compare(Samples.Around(100), Samples.Around(120), Budget);

        Assert.AreEqual(Tier.Fail, result.Level);
        Assert.AreEqual(10, result.Threshold!.Value.Value);
        Assert.AreEqual(1.2, result.Ratio, 0.01);
        StringAssert.Contains(result.Evidence, "Mann-Whitney");
    }

    [TestMethod]
    public void A_clear_four_percent_slowdown_is_a_warn()
    {
        // Past half the WARN budget (+2.5%), short of half the FAIL budget (+5%).
        Assert.AreEqual(Tier.Warn, rule.Compare(Samples.Around(100), Samples.Around(104), Budget).Level);
    }

    [TestMethod]
    public void A_slowdown_of_exactly_the_fail_budget_fails()
    {
        // The budget is the slowdown that must be caught, so a proven +10% fails whichever side of 1.10 its estimate lands.
        Assert.AreEqual(Tier.Fail, rule.Compare(Samples.Around(100), Samples.Around(110), Budget).Level);
        Assert.AreEqual(Tier.Fail, rule.Compare(Samples.Around(100), Samples.Around(108, spreadFraction: 0.02), Budget).Level);
    }

    [TestMethod]
    public void An_unproven_slowdown_says_whether_its_estimate_passed_the_fail_margin()
    {
        // Processes +-40% apart: neither +9% nor +4% is proven; only the first measured past half the FAIL budget (+5%).
        var past = rule.Compare(Samples.Around(100), Samples.Around(109, spreadFraction: 0.4), Budget);
        var under = rule.Compare(Samples.Around(100), Samples.Around(104, spreadFraction: 0.4), Budget);
        var proven = rule.Compare(Samples.Around(100), Samples.Around(120), Budget);

        Assert.AreEqual(Tier.Pass, past.Level);
        Assert.IsTrue(past.UnprovenPastFail);
        Assert.AreEqual(Tier.Pass, under.Level);
        Assert.IsFalse(under.UnprovenPastFail);
        Assert.IsFalse(proven.UnprovenPastFail, "a proven level is no unproven estimate");
    }

    [TestMethod]
    public void A_proven_warning_says_whether_its_estimate_passed_the_fail_margin()
    {
        // Iterations +-10% around +9%: a slowdown past +2.5% is proven, past +5% is not.
        var wide = rule.Compare(Samples.Around(100), Samples.Around(109, spreadFraction: 0.1), Budget);
        var small = rule.Compare(Samples.Around(100), Samples.Around(104), Budget);

        Assert.AreEqual(Tier.Warn, wide.Level);
        Assert.IsTrue(wide.WarnPastFailMargin);
        Assert.IsFalse(wide.UnprovenPastFail, "a proven level is no unproven estimate");
        Assert.AreEqual(Tier.Warn, small.Level);
        Assert.IsFalse(small.WarnPastFailMargin);
        Assert.IsFalse(rule.Compare(Samples.Around(100), Samples.Around(120), Budget).WarnPastFailMargin, "a proven FAIL is no warning");
    }

    [TestMethod]
    public void A_slowdown_under_half_the_fail_budget_never_fails()
    {
        var result = rule.Compare(Samples.Around(100), Samples.Around(104.9, spreadFraction: 0.001), Budget);

        Assert.AreEqual(Tier.Warn, result.Level);
    }

    [TestMethod]
    public void A_doubling_passes_the_block_level()
    {
        Assert.AreEqual(Tier.Block, rule.Compare(Samples.Around(100), Samples.Around(200), Budget).Level);
    }

    [TestMethod]
    public void Getting_faster_passes()
    {
        var result = rule.Compare(Samples.Around(100), Samples.Around(60), Budget);

        Assert.AreEqual(Tier.Pass, result.Level);
        Assert.IsFalse(result.Inconclusive);
        StringAssert.StartsWith(result.Evidence, "no slowdown: it measured -40.0%");
    }

    [TestMethod]
    public void Too_few_iterations_give_no_verdict_but_an_inconclusive_note()
    {
        var result = rule.Compare(Samples.Around(100, count: 3), Samples.Around(150, count: 3), Budget);

        Assert.AreEqual(Tier.Pass, result.Level);
        Assert.IsTrue(result.Inconclusive);
        StringAssert.Contains(result.Evidence, "at least 5");
    }

    [TestMethod]
    public void A_large_ratio_buried_in_noise_is_not_proven_and_so_not_a_regression()
    {
        // Medians differ by 15%, but each side spreads over ±60%: the samples cannot support a FAIL, nor a warning.
        var baseline = Samples.Around(100, count: 6, spreadFraction: 0.6);
        var current = Samples.Around(115, count: 6, spreadFraction: 0.6);

        var result = rule.Compare(baseline, current, Budget);

        Assert.AreEqual(Tier.Pass, result.Level);
        Assert.IsFalse(result.Inconclusive);
        StringAssert.StartsWith(result.Evidence, "not proven: ");
    }

    [TestMethod]
    public void Sub_nanosecond_differences_are_below_the_noise_floor()
    {
        var result = rule.Compare(Samples.Around(0.1), Samples.Around(0.3), Budget);

        Assert.AreEqual(Tier.Pass, result.Level);
        Assert.IsFalse(result.Inconclusive);
        StringAssert.Contains(result.Evidence, "below the 0.3 ns noise floor");
    }

    [TestMethod]
    public void No_budget_means_no_verdict()
    {
        var result = rule.Compare(Samples.Around(100), Samples.Around(300), new LevelThresholds(null, null, null));

        Assert.AreEqual(Tier.Pass, result.Level);
        Assert.IsFalse(result.Inconclusive);
    }

    [TestMethod]
    public void Tight_samples_resolve_small_changes()
    {
        var result = rule.Compare(Samples.Around(100), Samples.Around(100.5), Budget);

        Assert.AreEqual(Tier.Pass, result.Level);
        Assert.IsFalse(result.Inconclusive);
        Assert.IsNotNull(result.SmallestDetectable);
        Assert.IsTrue(result.SmallestDetectable <= 0.03, $"{result.SmallestDetectable}");
    }

    [TestMethod]
    public void A_slower_run_too_noisy_to_enforce_the_budget_is_not_proven_and_says_what_it_could_detect()
    {
        var result = rule.Compare(Samples.Around(100, count: 6, spreadFraction: 0.4), Samples.Around(108, count: 6, spreadFraction: 0.4), Budget);

        Assert.AreEqual(Tier.Pass, result.Level);
        Assert.IsFalse(result.Inconclusive);
        Assert.IsTrue(result.SmallestDetectable is null or > 0.10, $"{result.SmallestDetectable}");
        StringAssert.Contains(result.Evidence, "could have proven");
    }

    [TestMethod]
    public void A_noisy_run_slower_by_less_than_half_the_lowest_budget_is_not_worth_a_warning()
    {
        // Unchanged code on a noisy benchmark lands a little slower half the time: a warning each time would cry wolf.
        var result = rule.Compare(Samples.Around(100, count: 6, spreadFraction: 0.4), Samples.Around(102, count: 6, spreadFraction: 0.4), Budget);

        Assert.AreEqual(Tier.Pass, result.Level);
        Assert.IsFalse(result.Inconclusive);
    }

    [TestMethod]
    public void A_faster_noisy_run_is_not_inconclusive()
    {
        var result = rule.Compare(Samples.Around(100, count: 6, spreadFraction: 0.4), Samples.Around(95, count: 6, spreadFraction: 0.4), Budget);

        Assert.AreEqual(Tier.Pass, result.Level);
        Assert.IsFalse(result.Inconclusive);
    }

    [TestMethod]
    public void The_smallest_detectable_change_grows_with_noise()
    {
        var quiet = RobustTimeComparisonRule.SmallestDetectableChange(Sample(100, 0.01), Sample(100, 0.01));
        var noisy = RobustTimeComparisonRule.SmallestDetectableChange(Sample(100, 0.2), Sample(100, 0.2));

        Assert.IsTrue(quiet < (noisy ?? double.MaxValue), $"{quiet} vs {noisy}");
    }

    private static Perfolizer.Sample Sample(double centre, double spread) =>
        new(Samples.Around(centre, 15, spread), Perfolizer.Horology.TimeUnit.Nanosecond);
}
