namespace PerfGate.Results;

/// <summary>Everything one benchmark run produced: where it ran and each benchmark case's result, keyed and sorted by full name.</summary>
public sealed record BenchmarkRun(HostEnvironment Environment, IReadOnlyList<BenchmarkResult> Results)
{
    public IEnumerable<BenchmarkResult> Succeeded => Results.Where(r => !r.Failed);

    public IEnumerable<BenchmarkResult> Failed => Results.Where(r => r.Failed);

    /// <summary>The case's result when this run measured it; null when it did not run or failed.</summary>
    public BenchmarkResult? Measured(string key) => Results.FirstOrDefault(r => r.Key == key && !r.Failed);
}
