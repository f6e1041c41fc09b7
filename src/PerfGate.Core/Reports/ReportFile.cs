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
}
