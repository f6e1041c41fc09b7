using System.Text.Json;
using PerfGate.Reports;
using PerfGate.Results;

namespace PerfGate.Evaluation;

/// <summary>One gated build eng/evaluate.sh ran: its level, what PerfGate reported and what BenchmarkDotNet measured.</summary>
internal sealed record Trial(
    string Level,
    int Index,
    bool Busy,
    int ExitCode,
    double Seconds,
    IReadOnlyList<(string Code, string? Benchmark)> Findings,
    BenchmarkRun Measured)
{
    private static readonly JsonSerializerOptions Options = new() { PropertyNameCaseInsensitive = true };

    public static async Task<Trial> ReadAsync(string directory)
    {
        var info = JsonSerializer.Deserialize<TrialFile>(await File.ReadAllTextAsync(Path.Combine(directory, "trial.json")), Options)!;
        var reportPath = Path.Combine(directory, "report.json");
        var findings = File.Exists(reportPath)
            ? (await ReportFile.ReadFindingsAsync(reportPath)).Select(f => (f.Code, f.Benchmark)).ToArray()
            : [];

        var measured = await BenchmarkDotNetReportReader.ReadDirectoryAsync(Path.Combine(directory, "results"));
        return new Trial(info.Level, info.Index, info.Busy, info.ExitCode, info.Seconds, findings, measured);
    }

    private sealed record TrialFile(string Level, int Index, bool Busy, int ExitCode, double Seconds);
}
