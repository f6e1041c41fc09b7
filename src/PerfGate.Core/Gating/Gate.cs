using PerfGate.Baselines;
using PerfGate.Configuration;
using PerfGate.Diagnostics;
using PerfGate.Locations;
using PerfGate.Reports;
using PerfGate.Results;
using PerfGate.Running;
using PerfGate.Statistics;
using PerfGate.Verdicts;

namespace PerfGate.Gating;

/// <summary>
/// One gated run of one project, in order: read the config and the baseline (a broken file blocks before any benchmark
/// runs), run the benchmarks alone on the machine, read their results, compare, re-record the baseline if asked, and
/// write the report.
/// </summary>
public sealed class Gate(ITimeComparisonRule timeRule)
{
    public Gate()
        : this(new RobustTimeComparisonRule())
    {
    }

    public async Task<GateOutcome> RunAsync(GateSettings settings, IGateLog log, CancellationToken cancellation)
    {
        Directory.CreateDirectory(settings.WorkDirectory);
        RemoveEarlierConfirmations(settings.WorkDirectory);
        var result = await CompareAsync(settings, log, cancellation).ConfigureAwait(false);
        await ReportFile.WriteAsync(settings.ReportPath, settings.ProjectPath, result, cancellation).ConfigureAwait(false);
        if (result.Outcomes.Count > 0)
        {
            log.Summary(SummaryTable.Format(result, settings.ProjectName));
        }

        log.Detail($"PerfGate report: {settings.ReportPath}");
        return new GateOutcome(result, settings.ReportPath);
    }

    private async Task<GateResult> CompareAsync(GateSettings settings, IGateLog log, CancellationToken cancellation)
    {
        GateConfig config;
        Baseline? baseline;
        try
        {
            config = await ReadConfigAsync(settings.ConfigPath, cancellation).ConfigureAwait(false);
        }
        catch (PerfGateFileException error)
        {
            return GateResult.Blocked(new Finding(DiagnosticCatalog.ConfigUnreadable, Tier.Block,
                DiagnosticCatalog.ConfigUnreadable.FormatMessage(error.FilePath, error.Problem), error.Location));
        }

        try
        {
            baseline = File.Exists(settings.BaselinePath) ? await BaselineFile.ReadAsync(settings.BaselinePath, cancellation).ConfigureAwait(false) : null;
        }
        catch (PerfGateFileException error)
        {
            return GateResult.Blocked(new Finding(DiagnosticCatalog.BaselineUnreadable, Tier.Block,
                DiagnosticCatalog.BaselineUnreadable.FormatMessage(error.FilePath, error.Problem), error.Location));
        }

        var processResult = await RunBenchmarksAsync(settings.Run, settings.LogPath, log, cancellation).ConfigureAwait(false);
        var projectLocation = new SourceLocation(settings.ProjectPath, 0, 0);
        if (processResult.ExitCode != 0)
        {
            var tail = string.Concat(processResult.OutputTail.Select(line => Environment.NewLine + "    " + line));
            return GateResult.Blocked(new Finding(DiagnosticCatalog.BenchmarkProcessFailed, Tier.Block,
                DiagnosticCatalog.BenchmarkProcessFailed.FormatMessage(processResult.ExitCode, processResult.LogPath, tail), projectLocation));
        }

        BenchmarkRun run;
        try
        {
            run = await BenchmarkDotNetReportReader.ReadDirectoryAsync(settings.Run.ResultsDirectory, cancellation).ConfigureAwait(false);
        }
        catch (PerfGateFileException error)
        {
            return GateResult.Blocked(new Finding(DiagnosticCatalog.ResultsUnreadable, Tier.Block,
                DiagnosticCatalog.ResultsUnreadable.FormatMessage(error.FilePath, error.Problem), error.Location));
        }

        if (run.Results.Count == 0)
        {
            return GateResult.Blocked(new Finding(DiagnosticCatalog.NoResults, Tier.Block,
                DiagnosticCatalog.NoResults.FormatMessage(settings.Run.ResultsDirectory, processResult.LogPath), projectLocation));
        }

        var fingerprints = MethodIlFingerprints.Read(settings.Run.AssemblyPath);
        run = run with { Results = run.Results.Select(r => r with { MethodFingerprint = fingerprints.Of(r) }).ToArray() };
        using var methods = PdbMethodLocator.Open(settings.Run.AssemblyPath);
        var fallback = new FileEntryLocator(settings.BaselinePath, config, projectLocation);
        var request = new GateRequest(
            run,
            baseline,
            settings.BaselinePath,
            config,
            RunWasFiltered: settings.Run.Filter.Count > 0,
            Recording: settings.UpdateBaseline,
            settings.FailOnRegression,
            new AcceptCommands(settings.ProjectPath),
            processResult.LogPath,
            (key, result) => (result is null ? null : methods.Locate(result)) ?? fallback.Locate(key));
        var evaluator = new GateEvaluator(timeRule);
        var gateResult = evaluator.Evaluate(request);
        if (settings.ConfirmRegressions && !settings.UpdateBaseline)
        {
            // Each round reruns only what still fails; a regression that does not repeat drops out at once.
            var confirmations = new List<BenchmarkRun>();
            for (var round = 1; round <= GateEvaluator.ConfirmationRuns; round++)
            {
                var stillFailing = GateEvaluator.TimeFailures(gateResult);
                if (stillFailing.Count == 0)
                {
                    break;
                }

                confirmations.Add(await ConfirmAsync(settings, run, stillFailing, round, log, cancellation).ConfigureAwait(false));
                gateResult = evaluator.Evaluate(request with { Confirmations = confirmations });
            }
        }

        if (settings.UpdateBaseline)
        {
            var updated = (baseline ?? Baseline.Empty).UpdatedWith(run, settings.UpdateReason);
            await BaselineFile.WriteAsync(settings.BaselinePath, updated, cancellation).ConfigureAwait(false);
            log.Summary($"PerfGate: recorded {run.Succeeded.Count()} benchmark(s) in {settings.BaselinePath} ({updated.Entries.Count} entries in all). Review and commit it.");
        }

        return gateResult;
    }

    /// <summary>Runs the [Benchmark] methods of the failed cases again, in a new process, and reads what they measured.</summary>
    private static async Task<BenchmarkRun> ConfirmAsync(GateSettings settings, BenchmarkRun first, IReadOnlyList<string> failedKeys, int round, IGateLog log, CancellationToken cancellation)
    {
        var methods = first.Results.Where(r => failedKeys.Contains(r.Key)).Select(r => r.MethodFilter).Distinct().ToArray();
        log.Summary($"PerfGate: {failedKeys.Count} time regression(s) to confirm; confirmation run {round} of {GateEvaluator.ConfirmationRuns}, in a new process ({string.Join(", ", methods)}).");
        var again = settings.Run with { Filter = methods, ArtifactsDirectory = Path.Combine(settings.WorkDirectory, $"artifacts-confirmation-{round}") };
        var process = await RunBenchmarksAsync(again, settings.ConfirmationLogPath(round), log, cancellation).ConfigureAwait(false);
        try
        {
            // A confirmation run that failed confirms nothing: every finding keeps the verdict it had.
            return process.ExitCode == 0
                ? await BenchmarkDotNetReportReader.ReadDirectoryAsync(again.ResultsDirectory, cancellation).ConfigureAwait(false)
                : new BenchmarkRun(first.Environment, []);
        }
        catch (PerfGateFileException)
        {
            return new BenchmarkRun(first.Environment, []);
        }
    }

    /// <summary>A confirmation log or result left by an earlier build must never pass for this build's.</summary>
    private static void RemoveEarlierConfirmations(string workDirectory)
    {
        foreach (var log in Directory.EnumerateFiles(workDirectory, "benchmarks-confirmation-*.log"))
        {
            File.Delete(log);
        }

        foreach (var artifacts in Directory.EnumerateDirectories(workDirectory, "artifacts-confirmation-*"))
        {
            Directory.Delete(artifacts, recursive: true);
        }
    }

    private static async Task<GateConfig> ReadConfigAsync(string? path, CancellationToken cancellation)
    {
        if (string.IsNullOrEmpty(path))
        {
            return GateConfig.BuiltIn;
        }

        if (!File.Exists(path))
        {
            throw new PerfGateFileException(path, "the file does not exist (set by PerfGateConfigFile)");
        }

        return await GateConfig.ReadAsync(path, cancellation).ConfigureAwait(false);
    }

    private static async Task<BenchmarkProcessResult> RunBenchmarksAsync(BenchmarkRunSettings run, string logPath, IGateLog log, CancellationToken cancellation)
    {
        // Stale results from an earlier run must never be read as this run's.
        if (Directory.Exists(run.ArtifactsDirectory))
        {
            Directory.Delete(run.ArtifactsDirectory, recursive: true);
        }

        using var runLock = await MachineWideRunLock.AcquireAsync(MachineWideRunLock.DefaultPath, log.Progress, cancellation).ConfigureAwait(false);
        var progress = new BenchmarkProgress(log);
        log.Progress($"PerfGate: running benchmarks of {Path.GetFileName(run.AssemblyPath)} (output: {logPath})");
        return await BenchmarkProcess.RunAsync(run, logPath, progress.OnLine, cancellation).ConfigureAwait(false);
    }
}
