using System.Text.Json;
using System.Text.Json.Serialization;
using PerfGate.Diagnostics;
using PerfGate.Verdicts;

namespace PerfGate.Reports;

/// <summary>The machine-readable report (<c>obj/.../perfgate/report.json</c>): the verdict, every row and every finding.</summary>
public static class ReportFile
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>
    /// The findings of an earlier report, so an up-to-date build can report them again (the IDE's error list and a changed
    /// NoWarn or WarningsAsErrors see the same warnings as the run that produced them). Codes this version does not know are skipped.
    /// </summary>
    public static async Task<IReadOnlyList<Finding>> ReadFindingsAsync(string path, CancellationToken cancellation = default)
    {
        await using var stream = File.OpenRead(path);
        var report = await JsonSerializer.DeserializeAsync<StoredReport>(stream, Options, cancellation).ConfigureAwait(false);
        return (report?.Findings ?? [])
            .Select(f => (Stored: f, Known: DiagnosticCatalog.Find(f.Code ?? string.Empty)))
            .Where(f => f.Known is not null)
            .Select(f => new Finding(f.Known!.Value.Rule, f.Known.Value.Tier, f.Stored.Message ?? string.Empty,
                f.Stored.File is null ? null : new SourceLocation(f.Stored.File, f.Stored.Line ?? 0, f.Stored.Column ?? 0), f.Stored.Benchmark))
            .ToArray();
    }

    public static async Task WriteAsync(string path, string project, GateResult result, CancellationToken cancellation = default)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var report = new
        {
            schemaVersion = 1,
            project,
            verdict = result.Verdict.ToString().ToUpperInvariant(),
            benchmarks = result.Outcomes.Select(o => new
            {
                name = o.Key,
                verdict = o.Status,
                baselineMedianNs = o.BaselineMedianNs,
                currentMedianNs = o.CurrentMedianNs,
                timeRatio = o.TimeRatio,
                baselineAllocatedBytes = o.BaselineAllocatedBytes,
                currentAllocatedBytes = o.CurrentAllocatedBytes,
                timeEvidence = o.TimeEvidence,
                timeConfidence = o.TimeConfidence,
                smallestDetectableChange = o.SmallestDetectableChange,
                baseline = o.Baseline,
                current = o.Current,
                baselineGc = o.BaselineGc,
                currentGc = o.CurrentGc,
            }),
            findings = result.Findings.Select(f => new
            {
                code = f.Code,
                tier = f.Tier.ToString().ToUpperInvariant(),
                benchmark = f.Benchmark,
                message = f.Message,
                file = f.Location?.File,
                line = f.Location?.Line,
                column = f.Location?.Column,
                helpLink = f.HelpLink,
            }),
        };
        await using var stream = File.Create(path);
        await JsonSerializer.SerializeAsync(stream, report, Options, cancellation).ConfigureAwait(false);
    }

    private sealed class StoredReport
    {
        public List<StoredFinding>? Findings { get; set; }
    }

    private sealed class StoredFinding
    {
        public string? Code { get; set; }

        public string? Benchmark { get; set; }

        public string? Message { get; set; }

        public string? File { get; set; }

        public int? Line { get; set; }

        public int? Column { get; set; }
    }
}
