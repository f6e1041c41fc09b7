using PerfGate.Results;

namespace PerfGate.Baselines;

/// <summary>The committed baseline: where it was measured and one entry per benchmark case, sorted by key.</summary>
public sealed record Baseline(HostEnvironment Environment, IReadOnlyDictionary<string, BaselineEntry> Entries)
{
    public const int CurrentSchemaVersion = 1;

    public const string DefaultFileName = "perfgate.baseline.json";

    public static Baseline Empty { get; } = new(HostEnvironment.Unknown, new SortedDictionary<string, BaselineEntry>(StringComparer.Ordinal));

    /// <summary>
    /// This baseline updated with a run: the run's successful benchmarks replace or add their entries; every other entry
    /// (benchmarks filtered out, failed, or not run this time) is kept, so a partial run never erases the rest.
    /// </summary>
    public Baseline UpdatedWith(BenchmarkRun run, string? reason)
    {
        var entries = new SortedDictionary<string, BaselineEntry>(Entries.ToDictionary(), StringComparer.Ordinal);
        foreach (var result in run.Succeeded)
        {
            entries[result.Key] = new BaselineEntry(result.SamplesNs, result.AllocatedBytes, result.Job, string.IsNullOrWhiteSpace(reason) ? null : reason, result.MethodFingerprint);
        }

        return new Baseline(run.Environment, entries);
    }
}
