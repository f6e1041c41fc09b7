using System.Buffers;

namespace PerfGate.Statistics;

/// <summary>
/// Order statistics of every pairwise value f(x, y) of two samples, without writing out all n x m pairs, for an f that
/// grows with x and shrinks as y grows (x - y, or x / y for positive values). With x sorted ascending and y descending,
/// the pairs form a matrix whose rows and columns both ascend, so how many pairs are at most some value is counted in
/// O(n + m) by walking a staircase. Like quickselect, each round counts around a pivot (a remaining candidate picked at
/// random) and keeps the side that holds the wanted rank, until few enough candidates are left to select among directly.
/// A 100 x 100 comparison computes a few thousand pairs instead of ten thousand and moves none of them.
/// </summary>
/// <remarks>
/// Every pair value is computed by the same expression the direct method uses, and rounding keeps a division or subtraction
/// monotone, so the answer is the same double, not an approximation (a test compares the two on tied and random data).
/// </remarks>
internal sealed class SortedPairSelection
{
    private readonly double[] ascendingX;
    private readonly double[] descendingY;
    private readonly bool ratio;

    /// <param name="x">Finite values; for a ratio, all positive.</param>
    /// <param name="y">Finite values; for a ratio, all positive.</param>
    /// <param name="ratio">Pairs are x / y; otherwise x - y.</param>
    public SortedPairSelection(IReadOnlyList<double> x, IReadOnlyList<double> y, bool ratio)
    {
        ascendingX = [.. x];
        Array.Sort(ascendingX);
        descendingY = [.. y];
        Array.Sort(descendingY);
        Array.Reverse(descendingY);
        this.ratio = ratio;
    }

    public int Count => ascendingX.Length * descendingY.Length;

    /// <summary>The median of every pair value (Hyndman-Fan type 7: the mean of the two middle values for an even count).</summary>
    public double Median()
    {
        var count = Count;
        var upper = count / 2;
        if (count % 2 == 1)
        {
            return Select(upper);
        }

        // The upper middle is the lower one again, or else the smallest pair above it: the first such pair of some row.
        var lower = Select(upper - 1);
        var atMost = new int[ascendingX.Length];
        if (CountAtMost(lower, atMost, strictly: false) > upper)
        {
            return lower;
        }

        var next = double.PositiveInfinity;
        for (var i = 0; i < atMost.Length; i++)
        {
            if (atMost[i] < descendingY.Length)
            {
                next = Math.Min(next, At(i, atMost[i]));
            }
        }

        return (lower + next) / 2;
    }

    /// <summary>The k-th smallest pair value, 0-based.</summary>
    public double Select(int k)
    {
        int rows = ascendingX.Length, columns = descendingY.Length;
        // Row i's candidates are its columns [first[i], end[i]); pairs left of them rank before the k-th, right of them after.
        var first = new int[rows];
        var end = new int[rows];
        Array.Fill(end, columns);
        var scratch = new int[rows];
        long candidates = (long)rows * columns;
        long rankedBefore = 0;
        // Which candidates become pivots only changes how long this takes, not the answer; seeded, so a run can be repeated.
        var random = new Random(unchecked((int)candidates + k));

        while (candidates > 2L * (rows + columns))
        {
            var pivot = CandidateAt(first, end, random.NextInt64(candidates));
            if (k >= CountAtMost(pivot, scratch, strictly: false))
            {
                // Every pair up to the pivot ranks before the k-th.
                (first, scratch) = (scratch, first);
            }
            else if (k >= CountAtMost(pivot, scratch, strictly: true))
            {
                return pivot;
            }
            else
            {
                // Every pair from the pivot on ranks after the k-th.
                (end, scratch) = (scratch, end);
            }

            candidates = 0;
            rankedBefore = 0;
            for (var i = 0; i < rows; i++)
            {
                candidates += end[i] - first[i];
                rankedBefore += first[i];
            }
        }

        var left = ArrayPool<double>.Shared.Rent((int)Math.Max(1, candidates));
        try
        {
            var count = 0;
            for (var i = 0; i < rows; i++)
            {
                for (var j = first[i]; j < end[i]; j++)
                {
                    left[count++] = At(i, j);
                }
            }

            return PairwiseMedian.Select(left, count, (int)(k - rankedBefore));
        }
        finally
        {
            ArrayPool<double>.Shared.Return(left);
        }
    }

    /// <summary>Row i, column j of the ascending matrix: the pair the direct method computes as <c>x / y</c> or <c>x - y</c>.</summary>
    private double At(int i, int j) => ratio ? ascendingX[i] / descendingY[j] : ascendingX[i] - descendingY[j];

    /// <summary>The n-th remaining candidate, counting row by row.</summary>
    private double CandidateAt(int[] first, int[] end, long n)
    {
        for (var i = 0; i < first.Length; i++)
        {
            var inRow = end[i] - first[i];
            if (n < inRow)
            {
                return At(i, first[i] + (int)n);
            }

            n -= inRow;
        }

        throw new InvalidOperationException("There is no such candidate.");
    }

    /// <summary>Per row, how many pairs are at most (or strictly below) <paramref name="pivot"/>; returns their total.</summary>
    private long CountAtMost(double pivot, int[] perRow, bool strictly)
    {
        // Rows ascend downwards, so each row has no more such pairs than the one above it: the column only moves left.
        var j = descendingY.Length;
        long total = 0;
        for (var i = 0; i < ascendingX.Length; i++)
        {
            while (j > 0 && (strictly ? At(i, j - 1) >= pivot : At(i, j - 1) > pivot))
            {
                j--;
            }

            perRow[i] = j;
            total += j;
        }

        return total;
    }
}
