using Perfolizer;
using Perfolizer.Mathematics.GenericEstimators;
using PerfGate.Statistics;

namespace PerfGate.Core.Tests;

[TestClass]
public sealed class PairwiseMedianTests
{
    [TestMethod]
    public void It_gives_Perfolizers_Hodges_Lehmann_ratio_and_shift_exactly()
    {
        var random = new Random(20261123);
        foreach (var (n, m) in new[] { (1, 1), (5, 5), (6, 7), (15, 15), (100, 100), (27, 15), (3, 40) })
        {
            for (var trial = 0; trial < 20; trial++)
            {
                // Ties on purpose (rounded values), and a skewed tail.
                var x = Enumerable.Range(0, n).Select(_ => Math.Round(100 * Math.Exp(random.NextDouble() * 0.2), 1)).ToArray();
                var y = Enumerable.Range(0, m).Select(_ => Math.Round(95 * Math.Exp(random.NextDouble() * 0.3), 1)).ToArray();

                Assert.AreEqual(HodgesLehmannEstimator.Instance.Ratio(new Sample(x), new Sample(y)), PairwiseMedian.Ratio(x, y), 1e-12, $"{n}x{m}");
                Assert.AreEqual(HodgesLehmannEstimator.Instance.Shift(new Sample(x), new Sample(y)), PairwiseMedian.Shift(x, y), 1e-9, $"{n}x{m}");
            }
        }
    }

    [TestMethod]
    public void Selecting_from_the_sorted_samples_gives_the_same_double_as_every_pair_written_out()
    {
        var random = new Random(20261124);
        foreach (var (n, m) in new[] { (1, 1), (1, 2), (2, 1), (2, 2), (3, 3), (4, 9), (16, 16), (31, 30), (100, 100), (150, 7), (7, 150), (400, 300) })
        {
            for (var trial = 0; trial < 25; trial++)
            {
                // Trials alternate between heavy ties (few distinct values, as a timer's resolution gives), rounded values
                // with a tail, and raw doubles spanning orders of magnitude.
                Func<double> draw = (trial % 3) switch
                {
                    0 => () => 10 + random.Next(4),
                    1 => () => Math.Round(100 * Math.Exp(random.NextDouble() * 0.3), 1),
                    _ => () => Math.Exp(random.NextDouble() * 20),
                };
                var x = Enumerable.Range(0, n).Select(_ => draw()).ToArray();
                var y = Enumerable.Range(0, m).Select(_ => draw()).ToArray();

                foreach (var ratio in new[] { true, false })
                {
                    var expected = PairwiseMedian.MedianOfEveryPair(x, y, ratio);
                    var actual = new SortedPairSelection(x, y, ratio).Median();
                    Assert.AreEqual(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(actual), $"{n}x{m} trial {trial} ratio={ratio}: {expected} vs {actual}");
                }
            }
        }
    }

    [TestMethod]
    public void Every_rank_of_the_sorted_pairs_is_selected_exactly()
    {
        var random = new Random(7);
        var x = Enumerable.Range(0, 23).Select(_ => (double)random.Next(1, 9)).ToArray();
        var y = Enumerable.Range(0, 19).Select(_ => Math.Round(random.NextDouble() * 10, 2) + 0.5).ToArray();
        var sorted = x.SelectMany(a => y.Select(b => a - b)).Order().ToArray();
        var selection = new SortedPairSelection(x, y, ratio: false);

        for (var k = 0; k < sorted.Length; k++)
        {
            Assert.AreEqual(sorted[k], selection.Select(k), $"rank {k}");
        }
    }

    [TestMethod]
    public void Zero_times_give_Perfolizers_answer_not_an_infinity()
    {
        double[] zeros = [0, 0, 0, 0, 0, 0];
        double[] tiny = [0, 0.01, 0, 0.02, 0, 0];

        Assert.AreEqual(HodgesLehmannEstimator.Instance.Ratio(new Sample(zeros), new Sample(zeros)), PairwiseMedian.Ratio(zeros, zeros));
        Assert.AreEqual(HodgesLehmannEstimator.Instance.Ratio(new Sample(tiny), new Sample(zeros)), PairwiseMedian.Ratio(tiny, zeros));
    }
}
