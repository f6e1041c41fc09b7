using System.Text.Json;
using PerfGate.Diagnostics;
using BenchmarkDto = PerfGate.Results.FullReportParser.BenchmarkDto;
using HostDto = PerfGate.Results.FullReportParser.HostDto;

namespace PerfGate.Results;

/// <summary>
/// Reads BenchmarkDotNet's full JSON report (<c>*-report-full.json</c>, written by JsonExporter.Full) of versions 0.13.x
/// and 0.14.x. Only the fields PerfGate needs are mapped; everything else is ignored.
/// </summary>
public static partial class BenchmarkDotNetReportReader
{
    public const string FileSuffix = "-report-full.json";

    /// <summary>Reads every full report in <paramref name="resultsDirectory"/> (one per benchmark class) into one run.</summary>
    public static async Task<BenchmarkRun> ReadDirectoryAsync(string resultsDirectory, CancellationToken cancellation = default)
    {
        var files = Directory.Exists(resultsDirectory)
            ? Directory.GetFiles(resultsDirectory, "*" + FileSuffix).Order(StringComparer.Ordinal).ToArray()
            : [];
        var environment = HostEnvironment.Unknown;
        var results = new List<BenchmarkResult>();
        foreach (var file in files)
        {
            var run = await ReadFileAsync(file, cancellation).ConfigureAwait(false);
            environment = run.Environment;
            results.AddRange(run.Results);
        }

        return new BenchmarkRun(environment, Deduplicate(results));
    }

    public static async Task<BenchmarkRun> ReadFileAsync(string path, CancellationToken cancellation = default)
    {
        HostDto? host;
        List<BenchmarkDto>? benchmarks;
        try
        {
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
            (host, benchmarks) = await FullReportParser.ReadAsync(stream, cancellation).ConfigureAwait(false);
        }
        catch (JsonException error)
        {
            throw PerfGateFileException.FromJson(path, error);
        }

        if (benchmarks is null)
        {
            throw new PerfGateFileException(path, "it has no \"Benchmarks\" array; is it BenchmarkDotNet's full JSON report?", 1, 1);
        }

        return new BenchmarkRun(ToEnvironment(host), benchmarks.Select(ToResult).ToArray());
    }

    private static BenchmarkResult ToResult(BenchmarkDto b)
    {
        var key = b.FullName ?? $"{b.Namespace}.{b.Type}.{b.Method}";
        var samples = b.OriginalValues ?? [];
        return new BenchmarkResult(key, b.Namespace ?? string.Empty, b.Type ?? string.Empty, b.Method ?? string.Empty,
            JobOf(b.DisplayInfo), samples, b.Memory?.BytesAllocatedPerOperation, LaunchSamplesNs: LaunchSamples(b.Measurements),
            Gc: b.Memory is { } memory ? GcCounts.FromTotals(memory.Gen0Collections, memory.Gen1Collections, memory.Gen2Collections, memory.TotalOperations) : null);
    }

    /// <summary>
    /// The iterations of each launch (each process BenchmarkDotNet ran the benchmark in), from its overhead-corrected
    /// workload results; null with fewer than two launches or no per-iteration measurements.
    /// </summary>
    internal static IReadOnlyList<IReadOnlyList<double>>? LaunchSamples(List<WorkloadResult>? results)
    {
        var launches = (results ?? [])
            .GroupBy(r => r.LaunchIndex)
            .OrderBy(g => g.Key)
            .Select(g => (IReadOnlyList<double>)g.Select(r => r.NanosecondsPerOperation).ToArray())
            .ToArray();
        return launches.Length > 1 ? launches : null;
    }

    /// <summary>
    /// DisplayInfo reads "Type.Method: DefaultJob [N=10]" or "Type.Method: Job-ABCDEF(IterationCount=8, WarmupCount=2) [N=10]".
    /// The random Job-XXXXXX id differs between runs; only the settings identify the job.
    /// </summary>
    internal static string JobOf(string? displayInfo)
    {
        if (string.IsNullOrEmpty(displayInfo))
        {
            return "unknown";
        }

        var start = displayInfo.IndexOf(": ", StringComparison.Ordinal);
        var job = start < 0 ? displayInfo : displayInfo[(start + 2)..];
        var parameters = job.IndexOf(" [", StringComparison.Ordinal);
        if (parameters >= 0)
        {
            job = job[..parameters];
        }

        var open = job.IndexOf('(');
        if (job.StartsWith("Job-", StringComparison.Ordinal) && open > 0 && job.EndsWith(')'))
        {
            job = job[(open + 1)..^1];
            // The MSBuild properties PerfGate forwards to BenchmarkDotNet's build choose the code, not how it is measured:
            // a run with -p:Feature=on must be compared with a baseline recorded without it.
            job = BuildArguments().Replace(job, string.Empty).Trim().TrimEnd(',').Trim();
            if (job.Length == 0)
            {
                return "DefaultJob";
            }
        }

        return job.Trim();
    }

    [System.Text.RegularExpressions.GeneratedRegex("Arguments=\"[^\"]*\"(,\"[^\"]*\")*(, )?")]
    private static partial System.Text.RegularExpressions.Regex BuildArguments();

    /// <summary>Two jobs for one benchmark produce two entries with one FullName: the job then becomes part of the key.</summary>
    private static IReadOnlyList<BenchmarkResult> Deduplicate(List<BenchmarkResult> results)
    {
        var duplicated = results.GroupBy(r => r.Key).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
        return results
            .Select(r => duplicated.Contains(r.Key) ? r with { Key = $"{r.Key} [{r.Job}]" } : r)
            .OrderBy(r => r.Key, StringComparer.Ordinal)
            .ToArray();
    }

    private static HostEnvironment ToEnvironment(HostDto? host) => host is null
        ? HostEnvironment.Unknown
        : new HostEnvironment(
            host.OsVersion ?? "unknown",
            host.ProcessorName ?? "unknown",
            host.PhysicalCoreCount ?? 0,
            host.LogicalCoreCount ?? 0,
            host.RuntimeVersion ?? "unknown",
            host.Architecture ?? "unknown",
            host.BenchmarkDotNetVersion ?? "unknown");
}
