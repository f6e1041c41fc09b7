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
    /// <summary>The samples' median, computed once per entry's sample list (<see cref="Statistics.SampleSummary"/>).</summary>
    public double MedianNs => Statistics.SampleSummary.MedianOf(SamplesNs);

    /// <summary>
    /// Where the fastest and the slowest recording process landed relative to the pooled median (<see cref="ProcessNoise.None"/>
    /// for one process): a run of unchanged code can land anywhere between them, so no shift within them proves a regression.
    /// </summary>
    public ProcessNoise ProcessNoise => ProcessNoise.Of(ProcessMediansNs, MedianNs);

    /// <summary>The median of the values; NaN when there are none.</summary>
    public static double Median(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.ToArray();
        Array.Sort(sorted);
        return MedianOfSorted(sorted);
    }

    /// <summary>The median of values already sorted ascending (at least one).</summary>
    public static double MedianOfSorted(IReadOnlyList<double> sorted)
    {
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
