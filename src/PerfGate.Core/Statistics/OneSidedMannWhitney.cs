using System.Globalization;
using Perfolizer;
using Perfolizer.Horology;
using Perfolizer.Mathematics.Common;
using Perfolizer.Mathematics.SignificanceTesting.Base;
using Perfolizer.Mathematics.SignificanceTesting.MannWhitney;
using Perfolizer.Metrology;

namespace PerfGate.Statistics;

/// <summary>
/// The p-value of Perfolizer's one-sided Mann-Whitney test (<c>MannWhitneyTest.Instance.Perform(current, baseline,
/// AlternativeHypothesis.Greater, threshold)</c> with a threshold "margin%|floor ns"), the same double, computed without
/// Perfolizer's lock where that is safe.
/// <para>
/// Why: a large suite asks for a thousand or more of these tests. Perfolizer 0.3.17 must be called one thread at a time
/// (<see cref="PerfolizerLock"/>), so they ran on one core, and each call built several samples (the threshold applied to
/// the baseline, each part of it, then the larger of the two) and sorted an index array through a delegate. For samples of
/// more than <see cref="BinomialCoefficientHelper.MaxAcceptableN"/> values in all, Perfolizer takes its Edgeworth
/// approximation, which reads no shared state (this class takes it from <see cref="FirstApproximatedSize"/> values on):
/// here the baseline is moved up as Perfolizer moves it (each value to the larger of value x (1 + margin) and value +
/// floor), the rank sum is counted from the two sorted samples (ties grouped as
/// Perfolizer groups them, within 1e-9 of a group's first value), and the p-value comes from Perfolizer's own
/// <see cref="MannWhitneyEdgeworthApproxCdf"/>. Smaller samples take Perfolizer's exact distribution, whose table of
/// binomial coefficients is built without a lock, so they call Perfolizer itself under <see cref="PerfolizerLock"/>. A unit
/// test compares both ways bit for bit on tied, rounded, wide-ranging and sub-nanosecond samples.
/// </para>
/// </summary>
internal static class OneSidedMannWhitney
{
    /// <summary>A threshold "percent%|floor ns" as Perfolizer parses it, and the two parts it moves a baseline value by.</summary>
    public sealed record Margin(Threshold Threshold, double Ratio, double ShiftNs)
    {
        /// <summary>The threshold of a margin (a fraction) and a floor; its parts are checked against Perfolizer's own.</summary>
        public static Margin Of(double margin, double floorNs)
        {
            var percent = (margin * 100).ToString("0.####", CultureInfo.InvariantCulture);
            var threshold = Threshold.Parse($"{percent}%|{floorNs.ToString(CultureInfo.InvariantCulture)}ns");
            var parts = new Margin(threshold, 1.0 + (double.Parse(percent, CultureInfo.InvariantCulture) / 100.0), floorNs);
            // Perfolizer applies the parts as written here; were that ever to change, its own way is used instead.
            double[] probe = [0, 1e-3, 0.5, 1, 3.7, 99.9, 1e3, 123456.789, 1e9];
            var expected = threshold.ApplyMax(new Sample(probe, TimeUnit.Nanosecond)).Values;
            return probe.Select(parts.Apply).SequenceEqual(expected) ? parts : parts with { Ratio = double.NaN };
        }

        /// <summary>A baseline value moved up by the threshold: the larger of its relative and its absolute part.</summary>
        public double Apply(double value) => Math.Max(value * Ratio, value + ShiftNs);

        public bool IsChecked => !double.IsNaN(Ratio);
    }

    /// <summary>
    /// The first size (values in all) that takes the approximation. Perfolizer takes its exact distribution up to
    /// <see cref="BinomialCoefficientHelper.MaxAcceptableN"/> (65) values, but at exactly 65 it is wrong for the even
    /// splits (31 + 34, 32 + 33): two samples that do not overlap at all gave p = 0.208 instead of about 1e-19, so seven
    /// launches a side in A/B mode (32 and 33 iterations) could prove no slowdown however large (docs/evaluation.md,
    /// "Seven launches a side"). The approximation is right there, as it is from 66 on.
    /// </summary>
    internal const int FirstApproximatedSize = BinomialCoefficientHelper.MaxAcceptableN;

    /// <summary>p-value of "<paramref name="current"/> is greater than <paramref name="baseline"/> moved up by <paramref name="margin"/>".</summary>
    public static double PValue(IReadOnlyList<double> current, IReadOnlyList<double> baseline, Margin margin)
    {
        var n = current.Count;
        var m = baseline.Count;
        if (n + m < FirstApproximatedSize || n == 0 || m == 0 || !margin.IsChecked || !AllFinite(current) || !AllFinite(baseline))
        {
            lock (PerfolizerLock.Calls)
            {
                return MannWhitneyTest.Instance.Perform(new Sample(current, TimeUnit.Nanosecond), new Sample(baseline, TimeUnit.Nanosecond),
                    AlternativeHypothesis.Greater, margin.Threshold).PValue;
            }
        }

        var shifted = new double[m];
        for (var i = 0; i < m; i++)
        {
            shifted[i] = margin.Apply(baseline[i]);
        }

        var ux = RankSum(current, shifted) - (n * (n + 1) / 2.0);
        return 1 - MannWhitneyEdgeworthApproxCdf.Instance.Cdf(n, m, (int)Math.Round(ux));
    }

    /// <summary>
    /// The sum of the ranks of <paramref name="x"/> among all values, tied values sharing their mean rank. A tie is what
    /// Perfolizer calls one: a run of sorted values each within 1e-9 of the run's first.
    /// </summary>
    internal static double RankSum(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        var xs = Sorted(x);
        var ys = Sorted(y);
        var total = xs.Length + ys.Length;
        double sum = 0;
        int i = 0, xi = 0, yi = 0;
        while (i < total)
        {
            // The run of ties that starts at rank i + 1: its first value, then every value within 1e-9 of it.
            var first = Math.Min(xi < xs.Length ? xs[xi] : double.PositiveInfinity, yi < ys.Length ? ys[yi] : double.PositiveInfinity);
            var fromX = 0;
            var count = 0;
            while (true)
            {
                if (xi < xs.Length && (yi == ys.Length || xs[xi] <= ys[yi]) && Math.Abs(xs[xi] - first) < 1e-9)
                {
                    xi++;
                    fromX++;
                }
                else if (yi < ys.Length && Math.Abs(ys[yi] - first) < 1e-9)
                {
                    yi++;
                }
                else
                {
                    break;
                }

                count++;
            }

            // Ranks i + 1 to i + count share their mean; whole and half numbers, so the sum is exact in a double.
            sum += fromX * ((i + 1 + i + count) / 2.0);
            i += count;
        }

        return sum;
    }

    private static double[] Sorted(IReadOnlyList<double> values)
    {
        var copy = values.ToArray();
        Array.Sort(copy);
        return copy;
    }

    private static bool AllFinite(IReadOnlyList<double> values)
    {
        foreach (var value in values)
        {
            if (!double.IsFinite(value))
            {
                return false;
            }
        }

        return true;
    }
}
