namespace PerfGate.Results;

/// <summary>
/// Garbage collections per 1,000 operations, by generation, as BenchmarkDotNet's memory diagnoser counted them (its
/// Gen0/Gen1/Gen2 columns use the same unit).
/// </summary>
public sealed record GcCounts(double Gen0Per1000, double Gen1Per1000, double Gen2Per1000)
{
    /// <summary>From BenchmarkDotNet's totals; null when it counted no operations (the memory diagnoser did not run).</summary>
    public static GcCounts? FromTotals(long gen0, long gen1, long gen2, long totalOperations) =>
        totalOperations <= 0 ? null : new GcCounts(gen0 * 1000.0 / totalOperations, gen1 * 1000.0 / totalOperations, gen2 * 1000.0 / totalOperations);
}
