namespace PerfGate.Statistics;

/// <summary>
/// The Hodges-Lehmann ratio and shift of two samples: the median of every pairwise ratio (or difference), the same
/// estimate as Perfolizer's HodgesLehmannEstimator with its default (Hyndman-Fan type 7) median, which a test checks on
/// random samples. Perfolizer builds a sorted sample of all n x m pairs through delegates; this selects the one or two
/// middle values from the sorted samples (<see cref="SortedPairSelection"/>) without writing out the pairs, which is what
/// keeps `perfgate compare` of 1,000 benchmarks with 100 iterations a side fast. Samples that do not order their pairs
/// (a zero or negative time in a ratio, a non-finite value) take the direct way: every pair, then quickselect.
/// </summary>
public static class PairwiseMedian
{
    /// <summary>The median pairwise ratio; a reference with a value of zero or less (a sub-nanosecond benchmark measured at 0)
    /// has no finite ratios to select from, so Perfolizer's estimator gives its answer as before.</summary>
    public static double Ratio(IReadOnlyList<double> current, IReadOnlyList<double> reference)
    {
        if (reference.All(v => v > 0) && current.All(double.IsFinite))
        {
            return Median(current, reference, ratio: true);
        }

        lock (PerfolizerLock.Calls)
        {
            return Perfolizer.Mathematics.GenericEstimators.HodgesLehmannEstimator.Instance.Ratio(new Perfolizer.Sample(current.ToArray()), new Perfolizer.Sample(reference.ToArray()));
        }
    }

    public static double Shift(IReadOnlyList<double> current, IReadOnlyList<double> reference) => Median(current, reference, ratio: false);

    private static double Median(IReadOnlyList<double> current, IReadOnlyList<double> reference, bool ratio)
    {
        if (current.Count > 0 && reference.Count > 0 && OrdersPairs(current, ratio) && OrdersPairs(reference, ratio))
        {
            return new SortedPairSelection(current, reference, ratio).Median();
        }

        return MedianOfEveryPair(current, reference, ratio);
    }

    private static bool OrdersPairs(IReadOnlyList<double> values, bool ratio)
    {
        foreach (var value in values)
        {
            if (!double.IsFinite(value) || (ratio && value <= 0))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The direct way: every pair written out, then the middle one or two selected in place.</summary>
    internal static double MedianOfEveryPair(IReadOnlyList<double> current, IReadOnlyList<double> reference, bool ratio)
    {
        var count = current.Count * reference.Count;
        if (count == 0)
        {
            return double.NaN;
        }

        // Arrays, not the interface: the n x m loop is the hot path of a large comparison.
        var xs = current as double[] ?? current.ToArray();
        var ys = reference as double[] ?? reference.ToArray();
        // A pooled buffer: a large suite makes a thousand of these, and fresh arrays would keep the garbage collector
        // (which stops every thread) busy while the comparisons run in parallel.
        var pairs = System.Buffers.ArrayPool<double>.Shared.Rent(count);
        try
        {
            var k = 0;
            for (var i = 0; i < xs.Length; i++)
            {
                var x = xs[i];
                if (ratio)
                {
                    for (var j = 0; j < ys.Length; j++)
                    {
                        pairs[k++] = x / ys[j];
                    }
                }
                else
                {
                    for (var j = 0; j < ys.Length; j++)
                    {
                        pairs[k++] = x - ys[j];
                    }
                }
            }

            // Type 7 median: the middle value, or the mean of the two middle values for an even count.
            var upper = count / 2;
            var high = Select(pairs, count, upper);
            if (count % 2 == 1)
            {
                return high;
            }

            // After selecting the upper middle, every value left of it is no larger: the lower middle is their maximum.
            var low = double.NegativeInfinity;
            for (var i = 0; i < upper; i++)
            {
                low = Math.Max(low, pairs[i]);
            }

            return (low + high) / 2;
        }
        finally
        {
            System.Buffers.ArrayPool<double>.Shared.Return(pairs);
        }
    }

    /// <summary>The k-th smallest (0-based) of the first <paramref name="count"/> values; reorders them so that smaller ones come first.</summary>
    internal static double Select(double[] values, int count, int k)
    {
        int left = 0, right = count - 1;
        while (right > left)
        {
            // Median of three as the pivot, so sorted or constant data stays linear.
            var middle = left + ((right - left) / 2);
            var pivot = Math.Max(Math.Min(values[left], values[middle]), Math.Min(Math.Max(values[left], values[middle]), values[right]));
            int i = left, j = right;
            while (i <= j)
            {
                while (values[i] < pivot)
                {
                    i++;
                }

                while (values[j] > pivot)
                {
                    j--;
                }

                if (i <= j)
                {
                    (values[i], values[j]) = (values[j], values[i]);
                    i++;
                    j--;
                }
            }

            if (k <= j)
            {
                right = j;
            }
            else if (k >= i)
            {
                left = i;
            }
            else
            {
                return values[k];
            }
        }

        return values[k];
    }
}
