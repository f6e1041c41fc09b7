using PerfGate.Configuration;
using PerfGate.Statistics;
using Perfolizer.Mathematics.Cpd;

namespace PerfGate.History;

/// <summary>
/// Trends over the run history, per benchmark, from each run's median time:
/// <list type="bullet">
/// <item>change points: the runs where the level shifted, by Perfolizer's ED-PELT (a nonparametric change-point detector,
/// so a noisy run does not make one), kept when the shift is larger than the runs' own noise and 2%, each with the
/// segments' medians before and after;</item>
/// <item>drift: the last <see cref="WindowRuns"/> runs against up to <see cref="ReferenceRuns"/> runs before them, judged by
/// the gate's own time rule (<see cref="RobustTimeComparisonRule"/>) under the config's <c>drift</c> budget, so a creep of
/// a fraction of a percent a run that never crosses a per-build budget is seen once it adds up.</item>
/// </list>
/// With fewer than <see cref="MinimumRuns"/> runs of a benchmark nothing is reported: that is not an error.
/// </summary>
public sealed class TrendAnalysis(ITimeComparisonRule rule)
{
    public const int WindowRuns = 5;
    public const int ReferenceRuns = 20;
    public const int MinimumRuns = WindowRuns + RobustTimeComparisonRule.MinimumSamples;

    /// <summary>The smallest number of runs between two change points.</summary>
    public const int MinimumSegment = 3;

    /// <summary>The smallest level shift reported as a change point, whatever the noise: ED-PELT also finds shifts of a fraction of a percent.</summary>
    public const double MinimumChange = 0.02;

    public TrendAnalysis()
        : this(new RobustTimeComparisonRule())
    {
    }

    /// <summary>The trend of every benchmark in <paramref name="records"/> that <paramref name="include"/> accepts, by name.</summary>
    /// <param name="driftBudget">The drift levels of a benchmark (the config's <c>drift</c>); null or off: no drift level is reached.</param>
    /// <param name="firstRun">The run number of <paramref name="records"/>[0] in the whole history (when only its last runs are analysed).</param>
    public IReadOnlyList<BenchmarkTrend> Analyse(IReadOnlyList<HistoryRecord> records, Func<string, LevelThresholds?>? driftBudget = null,
        Func<string, bool>? include = null, int firstRun = 1) =>
        AnalyseRuns(records.Select((record, index) => (firstRun + index, record)).ToArray(), driftBudget, include);

    /// <summary>The trend of every benchmark in <paramref name="runs"/>, each record with its run number in the whole history
    /// (a selection of runs, such as those of one machine, keeps the numbers people see in <c>perfgate history show</c>).</summary>
    public IReadOnlyList<BenchmarkTrend> AnalyseRuns(IReadOnlyList<(int Run, HistoryRecord Record)> runs, Func<string, LevelThresholds?>? driftBudget = null,
        Func<string, bool>? include = null)
    {
        var series = new Dictionary<string, List<TrendPoint>>(StringComparer.Ordinal);
        foreach (var (run, record) in runs)
        {
            foreach (var item in record.Cases)
            {
                if (item.MedianNs is not double median || !double.IsFinite(median) || median <= 0 || (include is not null && !include(item.Name)))
                {
                    continue;
                }

                if (!series.TryGetValue(item.Name, out var points))
                {
                    series[item.Name] = points = [];
                }

                points.Add(new TrendPoint(run, record.Time, record.Commit, median));
            }
        }

        // Benchmarks are independent: analysed in parallel, reported in name order. ED-PELT keeps no state between calls
        // (Perfolizer's only mutable static is the binomial table behind Mann-Whitney's exact distribution, which the time
        // rule serializes).
        return series.OrderBy(s => s.Key, StringComparer.Ordinal)
            .AsParallel().AsOrdered()
            .Select(s => Trend(s.Key, s.Value, driftBudget?.Invoke(s.Key)))
            .ToArray();
    }

    private BenchmarkTrend Trend(string name, IReadOnlyList<TrendPoint> points, LevelThresholds? budget)
    {
        if (points.Count < MinimumRuns)
        {
            return new BenchmarkTrend(name, points, [], null);
        }

        var changePoints = ChangePoints(points);
        return new BenchmarkTrend(name, points, changePoints, DriftOf(points, changePoints, budget ?? LevelThresholds.Off));
    }

    private static IReadOnlyList<ChangePoint> ChangePoints(IReadOnlyList<TrendPoint> points)
    {
        // ED-PELT on the logarithm: a shift is relative, whatever the benchmark's scale.
        var values = points.Select(p => Math.Log(p.MedianNs)).ToArray();

        // ED-PELT is sensitive: it also splits the run-to-run noise into segments a fraction of a percent apart. Keep only
        // shifts larger than that noise (three robust standard deviations of one run's change) and MinimumChange.
        var threshold = Math.Max(MinimumChange, 3 * RunToRunNoise(values));
        var medians = points.Select(p => p.MedianNs).ToArray();
        var bounds = LargeShifts(medians, ChangePointIndexes(values, threshold), threshold);
        return Enumerable.Range(1, bounds.Count - 2)
            .Select(i => new ChangePoint(points[bounds[i]], Level(medians, bounds[i - 1], bounds[i]), Level(medians, bounds[i], bounds[i + 1])))
            .ToArray();
    }

    /// <summary>
    /// The segment bounds (0, the first run of each new level, the count) of the change points (ED-PELT's last index before
    /// each change) whose level shift is at least <paramref name="threshold"/>: the smallest shift is dropped first, its two
    /// segments merged, until every shift left is that large.
    /// </summary>
    private static List<int> LargeShifts(double[] values, IEnumerable<int> changePointIndexes, double threshold)
    {
        var bounds = new[] { 0 }.Concat(changePointIndexes.Select(i => i + 1).Where(i => i > 0 && i < values.Length)).Concat([values.Length]).Distinct().Order().ToList();
        while (bounds.Count > 2)
        {
            var smallest = Enumerable.Range(1, bounds.Count - 2)
                .Select(i => (Index: i, Change: Math.Abs(Level(values, bounds[i], bounds[i + 1]) / Level(values, bounds[i - 1], bounds[i]) - 1)))
                .MinBy(c => c.Change);
            if (smallest.Change >= threshold)
            {
                break;
            }

            bounds.RemoveAt(smallest.Index);
        }

        return bounds;
    }

    /// <summary>
    /// ED-PELT's change points (the last index before each change). Its cost grows with the square of the runs, so a longer series is first cut into <see cref="DirectRuns"/> blocks and ED-PELT runs
    /// on the blocks' medians; each change between blocks as large as <paramref name="threshold"/> is then placed to the run
    /// by ED-PELT on the raw runs of the four blocks around it (the smaller ones, most of what ED-PELT finds in noise, would
    /// be dropped anyway).
    /// </summary>
    private static int[] ChangePointIndexes(double[] logValues, double threshold)
    {
        if (logValues.Length <= DirectRuns)
        {
            return EdPeltChangePointDetector.Instance.GetChangePointIndexes(logValues, MinimumSegment);
        }

        var block = (logValues.Length + DirectRuns - 1) / DirectRuns;
        var logBlockMedians = logValues.Chunk(block).Select(c => Baselines.BaselineEntry.Median(c)).ToArray();
        var blockMedians = logBlockMedians.Select(Math.Exp).ToArray();
        var blockBounds = LargeShifts(blockMedians, EdPeltChangePointDetector.Instance.GetChangePointIndexes(logBlockMedians, 1), threshold);
        var result = new List<int>();
        foreach (var firstBlock in blockBounds.Skip(1).SkipLast(1))
        {
            // The change lies around the end of block firstBlock - 1: look at the runs from one block before to two after it.
            var blockIndex = firstBlock - 1;
            var start = Math.Max(0, (blockIndex - 1) * block);
            var end = Math.Min(logValues.Length, (blockIndex + 3) * block);
            var expected = ((blockIndex + 1) * block) - 1 - start;
            var local = EdPeltChangePointDetector.Instance.GetChangePointIndexes(logValues[start..end], MinimumSegment);
            var nearest = local.Length == 0 ? expected : local.OrderBy(i => Math.Abs(i - expected)).First();
            result.Add(start + nearest);
        }

        return result.Distinct().Order().ToArray();
    }

    /// <summary>Series up to this many runs go to ED-PELT whole; longer ones in blocks (see <see cref="ChangePointIndexes"/>).</summary>
    private const int DirectRuns = 50;

    /// <summary>The median of the runs from <paramref name="start"/> up to (not including) <paramref name="end"/>.</summary>
    private static double Level(double[] values, int start, int end) => Baselines.BaselineEntry.Median(values[start..end]);

    /// <summary>
    /// The relative noise of one run (a robust standard deviation), from the differences between consecutive runs' log
    /// medians: 1.4826 x their median absolute value, over the square root of 2 (a difference holds two runs' noise).
    /// A level shift is one large difference among many small ones, so it hardly moves this estimate.
    /// </summary>
    private static double RunToRunNoise(IReadOnlyList<double> logValues)
    {
        var differences = logValues.Skip(1).Select((v, i) => Math.Abs(v - logValues[i])).ToArray();
        return differences.Length == 0 ? 0 : 1.4826 * Baselines.BaselineEntry.Median(differences) / Math.Sqrt(2);
    }

    private Drift DriftOf(IReadOnlyList<TrendPoint> points, IReadOnlyList<ChangePoint> changePoints, LevelThresholds budget)
    {
        var window = points.Skip(points.Count - WindowRuns).ToArray();
        var reference = points.Take(points.Count - WindowRuns).TakeLast(ReferenceRuns).ToArray();
        var comparison = rule.Compare(reference.Select(p => p.MedianNs).ToArray(), window.Select(p => p.MedianNs).ToArray(),
            budget.Lowest is null ? LevelThresholds.Off : budget);
        // Where the shift began: the first change point inside the compared span, else the first run of the window.
        var began = changePoints.Select(c => c.At).FirstOrDefault(p => p.Run >= reference[0].Run) ?? window[0];
        return new Drift(comparison.Ratio, window.Length, reference.Length, Baselines.BaselineEntry.Median(reference.Select(p => p.MedianNs).ToArray()),
            Baselines.BaselineEntry.Median(window.Select(p => p.MedianNs).ToArray()), began, comparison.Level,
            comparison.Evidence.Replace(" iterations", " runs", StringComparison.Ordinal));
    }
}
