using Perfolizer;
using Perfolizer.Horology;
using Perfolizer.Mathematics.SignificanceTesting.Base;
using Perfolizer.Mathematics.SignificanceTesting.MannWhitney;
using PerfGate.Statistics;

namespace PerfGate.Core.Tests;

[TestClass]
public sealed class OneSidedMannWhitneyTests
{
    [TestMethod]
    public void It_gives_Perfolizers_p_value_and_rank_sum_bit_for_bit()
    {
        var random = new Random(20261201);
        // Margins the rule uses (half and a quarter of budgets, detectable changes), each with the 0.3 ns floor.
        var margins = new[] { 0.0125, 0.025, 0.0375, 0.05, 0.075, 0.25, 0.005, 0.15 }.Select(m => OneSidedMannWhitney.Margin.Of(m, 0.3)).ToArray();
        Assert.IsTrue(margins.All(m => m.IsChecked), "the fast path must be the one under test");
        // Sizes on both sides of the switch from Perfolizer's exact distribution (at most 64 values in all here; Perfolizer's own
        // limit, 65, is wrong for some splits) to its approximation.
        var checkedApproximation = 0;
        foreach (var (n, m) in new[] { (5, 5), (30, 34), (33, 33), (40, 26), (50, 50), (100, 100), (150, 7), (7, 150), (15, 60) })
        {
            for (var trial = 0; trial < 30; trial++)
            {
                // Trials alternate between heavy ties (a timer's resolution), rounded values with a tail, raw doubles over
                // orders of magnitude, and sub-nanosecond times where the 0.3 ns floor is the larger part of the threshold.
                Func<double, double> draw = (trial % 4) switch
                {
                    0 => scale => scale * (10 + random.Next(4)),
                    1 => scale => Math.Round(scale * 100 * Math.Exp(random.NextDouble() * 0.3), 1),
                    2 => scale => scale * Math.Exp(random.NextDouble() * 20),
                    _ => scale => scale * (0.2 + (random.NextDouble() * 0.5)),
                };
                var slowdown = 1 + (random.Next(4) * 0.03);
                var x = Enumerable.Range(0, n).Select(_ => draw(slowdown)).ToArray();
                var y = Enumerable.Range(0, m).Select(_ => draw(1)).ToArray();
                foreach (var margin in margins)
                {
                    var expected = MannWhitneyTest.Instance.Perform(new Sample(x, TimeUnit.Nanosecond), new Sample(y, TimeUnit.Nanosecond), AlternativeHypothesis.Greater, margin.Threshold);
                    var actual = OneSidedMannWhitney.PValue(x, y, margin);

                    var what = $"{n}x{m} trial {trial} threshold {margin.Threshold}";
                    Assert.AreEqual(BitConverter.DoubleToInt64Bits(expected.PValue), BitConverter.DoubleToInt64Bits(actual), $"{what}: {expected.PValue:R} vs {actual:R}");
                    Assert.AreEqual(expected.Ux, OneSidedMannWhitney.RankSum(x, y.Select(margin.Apply).ToArray()) - (n * (n + 1) / 2.0), what);
                    checkedApproximation += n + m >= OneSidedMannWhitney.FirstApproximatedSize && (double)expected.PValue is > 0.001 and < 0.999 ? 1 : 0;
                }
            }
        }

        // The approximation's side must have been met with p-values that depend on the rank sum, not only at 0 or 1.
        Assert.IsTrue(checkedApproximation > 100, $"{checkedApproximation} comparisons with a p-value between 0.001 and 0.999");
    }

    [TestMethod]
    public void Ties_share_their_mean_rank_and_a_run_of_ties_is_measured_from_its_first_value()
    {
        // 1, 1 | 2 (x), 2 (y) | 3, 3 + 0.6e-9 (a tie with 3), 3 + 1.2e-9 (within 1e-9 of its neighbour, not of the run's first).
        double[] x = [1, 2, 3 + 0.6e-9];
        double[] y = [1, 2, 3, 3 + 1.2e-9];

        // Ranks: 1.5, 1.5 | 3.5, 3.5 | 5.5, 5.5 | 7; x holds 1.5 + 3.5 + 5.5.
        Assert.AreEqual(10.5, OneSidedMannWhitney.RankSum(x, y));
    }

    [TestMethod]
    [DataRow(33, 32)]
    [DataRow(32, 33)]
    [DataRow(31, 34)]
    [DataRow(34, 31)]
    public void Samples_of_65_values_that_do_not_overlap_prove_a_slowdown(int n, int m)
    {
        // Seven launches a side in A/B mode give about 32 iterations each; Perfolizer's exact distribution gave p = 0.208
        // for these splits of 65 values, so no slowdown, however large, could be proven.
        var margin = OneSidedMannWhitney.Margin.Of(0.025, 0.3);
        var baseline = Enumerable.Range(0, m).Select(i => 4400.0 + i).ToArray();
        var current = Enumerable.Range(0, n).Select(i => 4700.0 + i).ToArray();

        Assert.IsTrue(OneSidedMannWhitney.PValue(current, baseline, margin) < 1e-6);
        Assert.IsTrue(OneSidedMannWhitney.PValue(baseline, current, margin) > 0.99, "the other way round it is no slowdown");
    }
}
