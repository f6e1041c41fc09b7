using Perfolizer;
using Perfolizer.Mathematics.QuantileEstimators;

namespace PerfGate.Statistics;

/// <summary>
/// The figures a report shows for one side of a comparison, from its per-iteration samples (nanoseconds per operation).
/// Both sides are computed the same way (Perfolizer's Hyndman-Fan type 7 quantiles, as BenchmarkDotNet's own percentiles),
/// so a baseline's P99 and a run's are comparable.
/// </summary>
public sealed record SampleSummary(int Count, double MedianNs, double MeanNs, double P95Ns, double P99Ns, double MinNs, double MaxNs)
{
    /// <summary>Null for no samples (a benchmark that failed, or a side that was not measured).</summary>
    public static SampleSummary? Of(IReadOnlyList<double>? samplesNs)
    {
        if (samplesNs is null || samplesNs.Count == 0)
        {
            return null;
        }

        // The rules, the summary rows and every report ask for the same side's figures: each list is summarized once.
        return Known.GetValue(samplesNs, Summarize);
    }

    /// <summary>The median of a side's samples (NaN for none), computed once per sample list like the rest of its summary.</summary>
    public static double MedianOf(IReadOnlyList<double>? samplesNs) => Of(samplesNs)?.MedianNs ?? double.NaN;

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IReadOnlyList<double>, SampleSummary> Known = new();

    private static SampleSummary Summarize(IReadOnlyList<double> samplesNs)
    {
        // Sorted once here: Perfolizer's sample takes sorted values as they are instead of sorting an index through a delegate.
        var sorted = samplesNs.ToArray();
        Array.Sort(sorted);
        var sample = new Sample(sorted);
        double Quantile(double probability) => SimpleQuantileEstimator.Instance.Quantile(sample, probability);
        return new SampleSummary(samplesNs.Count, Baselines.BaselineEntry.MedianOfSorted(sorted), samplesNs.Average(), Quantile(0.95), Quantile(0.99), sorted[0], sorted[^1]);
    }
}
