namespace PerfGate.Baselines;

/// <summary>
/// What the baseline remembers of one benchmark case: its raw samples (a statistical comparison needs them, not just a
/// mean), its allocations, the job it was measured with, a fingerprint of the benchmark method's IL (to tell a rewritten
/// benchmark from a regression) and, for an accepted change, why it was accepted.
/// </summary>
public sealed record BaselineEntry(
    IReadOnlyList<double> SamplesNs,
    long? AllocatedBytes,
    string Job,
    string? Reason = null,
    string? IlHash = null)
{
    public double MedianNs => Median(SamplesNs);

    /// <summary>The median of the values; NaN when there are none.</summary>
    public static double Median(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
