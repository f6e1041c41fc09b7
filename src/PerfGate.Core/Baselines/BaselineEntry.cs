namespace PerfGate.Baselines;

/// <summary>
/// What the baseline remembers of one benchmark case: its raw samples (a statistical comparison needs them, not just a
/// mean), its allocations, the job it was measured with, a fingerprint of the benchmark method's IL (to tell a rewritten
/// benchmark from a regression), for an accepted change why it was accepted, and, when it was recorded in several
/// processes, each process's median (how far separate processes of the same code land apart on this machine).
/// </summary>
/// <param name="SamplesNs">Every iteration of every recording process, pooled.</param>
/// <param name="ProcessMediansNs">The median of each recording process, in order; null for a baseline recorded in one
/// process (every baseline before PerfGateRecordProcesses).</param>
/// <param name="Gc">Collections per 1,000 operations when it was recorded (for reports); null without the memory diagnoser.</param>
public sealed record BaselineEntry(
    IReadOnlyList<double> SamplesNs,
    long? AllocatedBytes,
    string Job,
    string? Reason = null,
    string? IlHash = null,
    IReadOnlyList<double>? ProcessMediansNs = null,
    Results.GcCounts? Gc = null)
{
    public double MedianNs => Median(SamplesNs);

    /// <summary>
    /// How far the recording processes landed from the baseline's pooled median: the largest deviation of a process's
    /// median, as a fraction (0.04: one process measured 4% away); 0 with fewer than two processes. A run of unchanged code
    /// can land that far from the baseline by itself, so a shift of this size never proves a regression.
    /// </summary>
    public double ProcessSpread => DeviationOf(ProcessMediansNs, MedianNs);

    /// <summary>The largest relative deviation of the medians from <paramref name="centre"/>; 0 for fewer than two.</summary>
    public static double DeviationOf(IReadOnlyList<double>? medians, double centre) =>
        medians is { Count: > 1 } && centre > 0 ? medians.Max(m => Math.Abs((m / centre) - 1)) : 0;

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
