using System.Text.Json;
using System.Text.Json.Serialization;
using PerfGate.Diagnostics;
using PerfGate.Verdicts;

namespace PerfGate.Reports;

/// <summary>The machine-readable report (<c>obj/.../perfgate/report.json</c>): the verdict, every row and every finding.</summary>
/// <remarks>Read and written through code generated at compile time (<see cref="Json"/>), as the native perfgate tool needs.</remarks>
public static partial class ReportFile
{
    [JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, UseStringEnumConverter = true)]
    [JsonSerializable(typeof(ReportDocument))]
    private sealed partial class Json : JsonSerializerContext;

    /// <summary>
    /// The findings of an earlier report, so an up-to-date build can report them again (the IDE's error list and a changed
    /// NoWarn or WarningsAsErrors see the same warnings as the run that produced them). Codes this version does not know are skipped.
    /// </summary>
    public static async Task<IReadOnlyList<Finding>> ReadFindingsAsync(string path, CancellationToken cancellation = default)
    {
        await using var stream = File.OpenRead(path);
        var report = await JsonSerializer.DeserializeAsync(stream, Json.Default.ReportDocument, cancellation).ConfigureAwait(false);
        return (report?.Findings ?? [])
            .Select(f => (Stored: f, Known: DiagnosticCatalog.Find(f.Code ?? string.Empty)))
            .Where(f => f.Known is not null)
            .Select(f => new Finding(f.Known!.Value.Rule, f.Known.Value.Tier, f.Stored.Message ?? string.Empty,
                f.Stored.File is null ? null : new SourceLocation(f.Stored.File, f.Stored.Line ?? 0, f.Stored.Column ?? 0), f.Stored.Benchmark, f.Stored.AcceptCommand))
            .ToArray();
    }

    /// <param name="shard">The shard this run measured ("2/4", PerfGateShard); null for the whole suite.</param>
    public static async Task WriteAsync(string path, string project, GateResult result, CancellationToken cancellation = default, string? shard = null)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var report = new ReportDocument
        {
            SchemaVersion = 1,
            Project = project,
            Verdict = result.Verdict.ToString().ToUpperInvariant(),
            Shard = shard,
            Environment = result.Environment,
            Benchmarks = result.Outcomes.Select(o => new ReportBenchmark
            {
                Name = o.Key,
                Verdict = o.Status,
                Tier = o.Verdict.ToString().ToUpperInvariant(),
                BaselineMedianNs = o.BaselineMedianNs,
                CurrentMedianNs = o.CurrentMedianNs,
                TimeRatio = o.TimeRatio is double ratio && double.IsFinite(ratio) ? ratio : null,
                BaselineAllocatedBytes = o.BaselineAllocatedBytes,
                CurrentAllocatedBytes = o.CurrentAllocatedBytes,
                TimeEvidence = o.TimeEvidence,
                TimeConfidence = o.TimeConfidence,
                SmallestDetectableChange = o.SmallestDetectableChange,
                Baseline = o.Baseline,
                Current = o.Current,
                BaselineGc = o.BaselineGc,
                CurrentGc = o.CurrentGc,
            }).ToList(),
            Findings = result.Findings.Select(f => new ReportFinding
            {
                Code = f.Code,
                Tier = f.Tier.ToString().ToUpperInvariant(),
                Benchmark = f.Benchmark,
                Message = f.Message,
                File = f.Location?.File,
                Line = f.Location?.Line,
                Column = f.Location?.Column,
                HelpLink = f.HelpLink,
                AcceptCommand = f.AcceptCommand,
            }).ToList(),
        };
        await using var stream = File.Create(path);
        await JsonSerializer.SerializeAsync(stream, report, Json.Default.ReportDocument, cancellation).ConfigureAwait(false);
    }

    /// <summary>
    /// An earlier report read back whole (for <c>perfgate merge</c>): its rows with their figures (not the raw samples,
    /// which report.json does not keep), findings, shard and environment. Throws <see cref="PerfGateFileException"/> with
    /// the line and column of malformed JSON.
    /// </summary>
    public static async Task<StoredRun> ReadAsync(string path, CancellationToken cancellation = default)
    {
        ReportDocument? report;
        try
        {
            await using var stream = File.OpenRead(path);
            report = await JsonSerializer.DeserializeAsync(stream, Json.Default.ReportDocument, cancellation).ConfigureAwait(false);
        }
        catch (JsonException error)
        {
            throw PerfGateFileException.FromJson(path, error);
        }

        if (report?.Benchmarks is null || report.Verdict is null)
        {
            throw new PerfGateFileException(path, "it has no \"verdict\" and \"benchmarks\"; is it PerfGate's report.json?", 1, 1);
        }

        var outcomes = report.Benchmarks.Select(b => new BenchmarkOutcome(b.Name ?? string.Empty, ParseTier(b.Tier ?? b.Verdict), b.Verdict ?? "PASS",
            b.BaselineMedianNs, b.CurrentMedianNs, b.TimeRatio, b.BaselineAllocatedBytes, b.CurrentAllocatedBytes, b.TimeEvidence, b.SmallestDetectableChange,
            b.TimeConfidence, BaselineGc: b.BaselineGc, CurrentGc: b.CurrentGc)).ToArray();
        var findings = await ReadFindingsAsync(path, cancellation).ConfigureAwait(false);
        return new StoredRun(report.Project ?? path, report.Shard, new GateResult(outcomes, findings) { Environment = report.Environment });
    }

    /// <summary>A report read back: the project it gated, its shard ("2/4") or null, and its result.</summary>
    public sealed record StoredRun(string Project, string? Shard, GateResult Result);

    private static Tier ParseTier(string? text) => text?.ToUpperInvariant() switch
    {
        "WARN" or "NEW" or "MISSING" or "REMOVED" => Tier.Warn,
        "FAIL" => Tier.Fail,
        "BLOCK" or "FAILED" or "NOT BUILT" => Tier.Block,
        _ => Tier.Pass,
    };

    /// <summary>report.json as written, in the order of its properties; read back by the same classes.</summary>
    private sealed class ReportDocument
    {
        public int SchemaVersion { get; set; }

        public string? Project { get; set; }

        public string? Verdict { get; set; }

        public string? Shard { get; set; }

        public Results.HostEnvironment? Environment { get; set; }

        public List<ReportBenchmark>? Benchmarks { get; set; }

        public List<ReportFinding>? Findings { get; set; }
    }

    private sealed class ReportBenchmark
    {
        public string? Name { get; set; }

        public string? Verdict { get; set; }

        public string? Tier { get; set; }

        public double? BaselineMedianNs { get; set; }

        public double? CurrentMedianNs { get; set; }

        public double? TimeRatio { get; set; }

        public long? BaselineAllocatedBytes { get; set; }

        public long? CurrentAllocatedBytes { get; set; }

        public string? TimeEvidence { get; set; }

        public string? TimeConfidence { get; set; }

        public double? SmallestDetectableChange { get; set; }

        public Statistics.SampleSummary? Baseline { get; set; }

        public Statistics.SampleSummary? Current { get; set; }

        public Results.GcCounts? BaselineGc { get; set; }

        public Results.GcCounts? CurrentGc { get; set; }
    }

    private sealed class ReportFinding
    {
        public string? Code { get; set; }

        public string? Tier { get; set; }

        public string? Benchmark { get; set; }

        public string? Message { get; set; }

        public string? File { get; set; }

        public int? Line { get; set; }

        public int? Column { get; set; }

        public string? HelpLink { get; set; }

        public string? AcceptCommand { get; set; }
    }
}
