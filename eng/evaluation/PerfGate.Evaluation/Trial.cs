using System.Text.Json;
using PerfGate.Baselines;
using PerfGate.Reports;
using PerfGate.Results;

namespace PerfGate.Evaluation;

/// <summary>
/// One gated build eng/evaluate.sh ran: its level, what PerfGate reported, what BenchmarkDotNet measured, the committed
/// baseline of its evaluation run and, for an A/B level, what the base build measured in its first round.
/// </summary>
internal sealed record Trial(
    string Level,
    int Index,
    bool Busy,
    int ExitCode,
    double Seconds,
    IReadOnlyList<(string Code, string? Benchmark)> Findings,
    BenchmarkRun Measured,
    Baseline Baseline,
    BenchmarkRun? BaseMeasured)
{
    private static readonly JsonSerializerOptions Options = new() { PropertyNameCaseInsensitive = true };

    /// <summary>An A/B trial: time was compared with the base build measured beside it.</summary>
    public bool IsAb => Level.StartsWith("ab-", StringComparison.Ordinal);

    /// <summary>What the trial's time is compared with: the base build's first run in A/B mode, else the baseline entry.</summary>
    public BaselineEntry? Reference(string benchmark)
    {
        if (!IsAb)
        {
            return Baseline.Entries.TryGetValue(benchmark, out var entry) ? entry : null;
        }

        var measured = BaseMeasured?.Results.FirstOrDefault(r => r.Key == benchmark && !r.Failed);
        return measured is null ? null : new BaselineEntry(measured.SamplesNs, measured.AllocatedBytes, measured.Job);
    }

    public static async Task<Trial> ReadAsync(string directory, Baseline baseline)
    {
        var info = JsonSerializer.Deserialize<TrialFile>(await File.ReadAllTextAsync(Path.Combine(directory, "trial.json")), Options)!;
        var reportPath = Path.Combine(directory, "report.json");
        var findings = File.Exists(reportPath)
            ? (await ReportFile.ReadFindingsAsync(reportPath)).Select(f => (f.Code, f.Benchmark)).ToArray()
            : [];

        var measured = await ReadResultsAsync(Path.Combine(directory, "results"));
        var baseDirectory = Path.Combine(directory, "results-base");
        var baseMeasured = Directory.Exists(baseDirectory) ? await ReadResultsAsync(baseDirectory) : null;
        return new Trial(info.Level, info.Index, info.Busy, info.ExitCode, info.Seconds, findings, measured, baseline, baseMeasured);
    }

    /// <summary>A trial whose build stopped before BenchmarkDotNet wrote results (a BLOCK) measured nothing.</summary>
    public static async Task<BenchmarkRun> ReadResultsAsync(string directory) =>
        Directory.Exists(directory) && Directory.EnumerateFiles(directory, "*" + BenchmarkDotNetReportReader.FileSuffix).Any()
            ? await BenchmarkDotNetReportReader.ReadDirectoryAsync(directory)
            : new BenchmarkRun(HostEnvironment.Unknown, []);

    private sealed record TrialFile(string Level, int Index, bool Busy, int ExitCode, double Seconds);
}
