using PerfGate.Baselines;
using PerfGate.Diagnostics;
using PerfGate.Results;

namespace PerfGate.Tool;

/// <summary>
/// Reads what the commands are given: BenchmarkDotNet full JSON reports (a file, or a folder searched for
/// <c>*-report-full.json</c>, as BenchmarkDotNet's <c>results</c> folder or a CI artifact), and baselines (a
/// perfgate.baseline.json, or BenchmarkDotNet reports recorded as one).
/// </summary>
public static class ResultInputs
{
    /// <summary>Every benchmark case of the reports at <paramref name="path"/>, one run; each report counts as one process.</summary>
    public static async Task<IReadOnlyList<BenchmarkRun>> ReadReportsAsync(string path, CancellationToken cancellation)
    {
        string[] files;
        if (File.Exists(path))
        {
            files = [path];
        }
        else if (Directory.Exists(path))
        {
            files = Directory.GetFiles(path, "*" + BenchmarkDotNetReportReader.FileSuffix, SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();
            if (files.Length == 0)
            {
                throw new UsageException($"{path} holds no BenchmarkDotNet full JSON report (*{BenchmarkDotNetReportReader.FileSuffix}); run the benchmarks with BenchmarkDotNet's JSON exporter (--exporters json) or name the file");
            }
        }
        else
        {
            throw new UsageException($"{path}: no such file or folder");
        }

        var runs = new List<BenchmarkRun>();
        foreach (var file in files)
        {
            runs.Add(await BenchmarkDotNetReportReader.ReadFileAsync(file, cancellation).ConfigureAwait(false));
        }

        return runs;
    }

    /// <summary>The reports at <paramref name="path"/> as one run: every case once (a case in two reports: the later file's).</summary>
    public static async Task<BenchmarkRun> ReadRunAsync(string path, CancellationToken cancellation)
    {
        var runs = await ReadReportsAsync(path, cancellation).ConfigureAwait(false);
        var results = new Dictionary<string, BenchmarkResult>(StringComparer.Ordinal);
        foreach (var result in runs.SelectMany(r => r.Results))
        {
            results[result.Key] = result;
        }

        return new BenchmarkRun(runs[^1].Environment, results.Values.OrderBy(r => r.Key, StringComparer.Ordinal).ToArray());
    }

    /// <summary>
    /// A perfgate.baseline.json, or BenchmarkDotNet reports taken as a baseline recorded from them; <c>IsBaselineFile</c>
    /// tells which (only a baseline file may be re-recorded in place).
    /// </summary>
    public static async Task<(Baseline Baseline, bool IsBaselineFile)> ReadBaselineAsync(string path, CancellationToken cancellation)
    {
        if (File.Exists(path) && await BaselineFileProbe.IsBaselineFileAsync(path, cancellation).ConfigureAwait(false))
        {
            return (await BaselineFile.ReadAsync(path, cancellation).ConfigureAwait(false), true);
        }

        var runs = await ReadReportsAsync(path, cancellation).ConfigureAwait(false);
        return (Baseline.Empty.UpdatedWith(runs, null), false);
    }
}
