using System.Diagnostics;
using PerfGate.Baselines;
using PerfGate.Configuration;
using PerfGate.Diagnostics;
using PerfGate.Formatting;
using PerfGate.Locations;
using PerfGate.Reports;
using PerfGate.Results;
using PerfGate.Running;
using PerfGate.Statistics;
using PerfGate.Verdicts;

namespace PerfGate.Gating;

/// <summary>
/// One gated run of one project, in order: take the project's lock (a second gated build of the same project waits, so
/// neither touches the other's files), skip the run when nothing changed since the last one that passed, read the config
/// and the baseline (a broken file blocks before any benchmark runs), run the benchmarks alone on the machine, read their
/// results, compare, re-record the baseline if asked, and write the report.
/// </summary>
public sealed class Gate(ITimeComparisonRule timeRule)
{
    public Gate()
        : this(new RobustTimeComparisonRule())
    {
    }

    public async Task<GateOutcome> RunAsync(GateSettings settings, IGateLog log, CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        Directory.CreateDirectory(settings.WorkDirectory);
        var timeout = settings.LockTimeout ?? GateSettings.DefaultLockTimeout;
        RunLock projectLock;
        try
        {
            projectLock = await RunLock.AcquireAsync(settings.ProjectLockPath, $"a gated build of {settings.ProjectPath}", timeout,
                waiting => log.Progress($"PerfGate {settings.ProjectName}: another gated build of this project is running; {waiting}"), cancellation).ConfigureAwait(false);
        }
        catch (Exception error) when (error is RunLockTimeoutException or RunLockUnusableException)
        {
            return new GateOutcome(GateResult.Blocked(LockUnavailable("keeps two gated builds of this project apart", error, settings)), settings.ReportPath);
        }

        using (projectLock)
        {
            var fingerprint = GateFingerprint.Of(settings);
            var stamp = GateStamp.Read(settings.StampPath);
            if (!settings.Force && !settings.UpdateBaseline && stamp is not null && stamp.Fingerprint == fingerprint && File.Exists(settings.ReportPath))
            {
                return await ReplayAsync(settings, stamp, log, cancellation).ConfigureAwait(false);
            }

            // Until this run ends well, the next build must run again.
            GateStamp.Delete(settings.StampPath);
            RemoveEarlierConfirmations(settings.WorkDirectory);
            var result = await CompareAsync(settings, log, clock, cancellation).ConfigureAwait(false);
            await ReportFile.WriteAsync(settings.ReportPath, settings.ProjectPath, result, cancellation).ConfigureAwait(false);
            if (result.Outcomes.Count > 0)
            {
                log.Summary(SummaryTable.Format(result, settings.ProjectName));
            }

            log.Summary($"PerfGate {settings.ProjectName}: {result.Verdict.ToString().ToUpperInvariant()} in {UnitFormat.Elapsed(clock.Elapsed)}; report: {settings.ReportPath}");
            if (result.Verdict <= Tier.Warn)
            {
                // Recording rewrote the baseline, which is part of the fingerprint: take it again.
                var after = settings.UpdateBaseline ? GateFingerprint.Of(settings) : fingerprint;
                new GateStamp(after, settings.UpdateBaseline ? GateStamp.Recorded : result.Verdict.ToString().ToUpperInvariant()).Write(settings.StampPath);
            }

            return new GateOutcome(result, settings.ReportPath);
        }
    }

    /// <summary>Nothing changed since the last gated run that did not fail: say so, and report its findings again.</summary>
    private static async Task<GateOutcome> ReplayAsync(GateSettings settings, GateStamp stamp, IGateLog log, CancellationToken cancellation)
    {
        IReadOnlyList<Finding> findings;
        try
        {
            findings = await ReportFile.ReadFindingsAsync(settings.ReportPath, cancellation).ConfigureAwait(false);
        }
        catch (Exception error) when (error is IOException or System.Text.Json.JsonException or UnauthorizedAccessException)
        {
            // A damaged report only loses the replay of its warnings; the verdict it repeats is in the stamp.
            log.Detail($"PerfGate: could not replay {settings.ReportPath}: {error.Message}");
            findings = [];
        }

        var what = stamp.Verdict == GateStamp.Recorded
            ? "the baseline was recorded from this same build, and nothing has changed since (build output, baseline, config, settings), so there is nothing to compare; benchmarks not rerun. Change the code and gate again, or add -p:PerfGateForce=true to measure again now."
            : $"{stamp.Verdict}, unchanged since the last gated run (same build output, baseline, config and settings); benchmarks not rerun (-p:PerfGateForce=true reruns them).";
        log.Summary($"PerfGate {settings.ProjectName}: {what}");
        return new GateOutcome(new GateResult([], findings), settings.ReportPath);
    }

    private async Task<GateResult> CompareAsync(GateSettings settings, IGateLog log, Stopwatch clock, CancellationToken cancellation)
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
            var exists = File.Exists(settings.BaselinePath) || Directory.Exists(settings.BaselinePath);
            baseline = exists ? await BaselineFile.ReadAsync(settings.BaselinePath, cancellation).ConfigureAwait(false) : null;
        }
        catch (PerfGateFileException error)
        {
            return GateResult.Blocked(new Finding(DiagnosticCatalog.BaselineUnreadable, Tier.Block,
                DiagnosticCatalog.BaselineUnreadable.FormatMessage(error.FilePath, error.Problem), error.Location));
        }

        var projectLocation = new SourceLocation(settings.ProjectPath, 0, 0);
        if (settings.UpdateBaseline && BaselineFile.WhyNotWritable(settings.BaselinePath) is string whyNot)
        {
            return GateResult.Blocked(new Finding(DiagnosticCatalog.BaselineNotWritable, Tier.Block,
                DiagnosticCatalog.BaselineNotWritable.FormatMessage(settings.BaselinePath, whyNot, "No benchmark was run. Fix the path (PerfGateBaselineFile) or its permissions and record again"),
                projectLocation));
        }

        var (processResult, stopped) = await RunBenchmarksAsync(settings, settings.Run, settings.LogPath, "running benchmarks", log, clock, cancellation).ConfigureAwait(false);
        if (stopped is not null)
        {
            return GateResult.Blocked(stopped);
        }

        if (processResult.ExitCode != 0)
        {
            var tail = new MultilineText(string.Concat(processResult.OutputTail.Select(line => Environment.NewLine + "    " + OneLine.Escape(line))));
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

        var notes = RunNotes.Read(settings.Run.ArtifactsDirectory);
        if (run.Results.Count == 0)
        {
            if (notes.BuildFailures.Count > 0)
            {
                var (error, location) = RunNotes.FirstBuildError(notes.BuildFailures.Values.First());
                return GateResult.Blocked(new Finding(DiagnosticCatalog.BenchmarkBuildFailed, Tier.Block,
                    DiagnosticCatalog.BenchmarkBuildFailed.FormatMessage(notes.BuildFailures.Count, string.Join(", ", notes.BuildFailures.Keys), error, processResult.LogPath),
                    location ?? projectLocation));
            }

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
            new AcceptCommands(settings.ProjectPath, settings.StartupDirectory),
            processResult.LogPath,
            (key, result) => (result is null ? null : methods.Locate(result)) ?? fallback.Locate(key),
            Notes: notes);
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

                var (confirmation, confirmationStopped) = await ConfirmAsync(settings, run, stillFailing, round, log, clock, cancellation).ConfigureAwait(false);
                if (confirmationStopped is not null)
                {
                    return new GateResult(gateResult.Outcomes, [.. gateResult.Findings, confirmationStopped]);
                }

                confirmations.Add(confirmation);
                gateResult = evaluator.Evaluate(request with { Confirmations = confirmations });
            }
        }

        if (settings.UpdateBaseline && gateResult.Verdict < Tier.Block)
        {
            var updated = (baseline ?? Baseline.Empty).UpdatedWith(run, settings.UpdateReason);
            try
            {
                await BaselineFile.WriteAsync(settings.BaselinePath, updated, cancellation).ConfigureAwait(false);
            }
            catch (PerfGateFileException error)
            {
                return new GateResult(gateResult.Outcomes, [.. gateResult.Findings, new Finding(DiagnosticCatalog.BaselineNotWritable, Tier.Block,
                    DiagnosticCatalog.BaselineNotWritable.FormatMessage(settings.BaselinePath, error.Problem,
                        $"The file was left as it was; this run's measurements are in {settings.ReportPath} and {settings.Run.ResultsDirectory}"), projectLocation)]);
            }

            log.Summary($"PerfGate {settings.ProjectName}: recorded {run.Succeeded.Count()} benchmark(s) in {settings.BaselinePath} ({updated.Entries.Count} entries in all). Review and commit it.");
        }

        return gateResult;
    }

    /// <summary>Runs the [Benchmark] methods of the failed cases again, in a new process, and reads what they measured.</summary>
    private static async Task<(BenchmarkRun Run, Finding? Stopped)> ConfirmAsync(GateSettings settings, BenchmarkRun first, IReadOnlyList<string> failedKeys, int round,
        IGateLog log, Stopwatch clock, CancellationToken cancellation)
    {
        var methods = first.Results.Where(r => failedKeys.Contains(r.Key)).Select(r => r.MethodFilter).Distinct().ToArray();
        log.Progress($"PerfGate {settings.ProjectName}: {failedKeys.Count} time regression(s) to confirm; confirmation run {round} of {GateEvaluator.ConfirmationRuns}, in a new process ({OneLine.Escape(string.Join(", ", methods))}).");
        var again = settings.Run with { Filter = methods, ArtifactsDirectory = Path.Combine(settings.WorkDirectory, $"artifacts-confirmation-{round}") };
        var (process, stopped) = await RunBenchmarksAsync(settings, again, settings.ConfirmationLogPath(round), $"confirmation run {round}", log, clock, cancellation).ConfigureAwait(false);
        if (stopped is not null)
        {
            return (new BenchmarkRun(first.Environment, []), stopped);
        }

        try
        {
            // A confirmation run that failed confirms nothing: every finding keeps the verdict it had.
            return process.ExitCode == 0
                ? (await BenchmarkDotNetReportReader.ReadDirectoryAsync(again.ResultsDirectory, cancellation).ConfigureAwait(false), null)
                : (new BenchmarkRun(first.Environment, []), null);
        }
        catch (PerfGateFileException)
        {
            return (new BenchmarkRun(first.Environment, []), null);
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

    /// <summary>
    /// Runs the benchmark process alone on the machine. The finding is set when the run did not end by itself: it hung past
    /// the timeout, a signal stopped it, or the machine-wide lock could not be had.
    /// </summary>
    private static async Task<(BenchmarkProcessResult Result, Finding? Stopped)> RunBenchmarksAsync(GateSettings settings, BenchmarkRunSettings run, string logPath,
        string what, IGateLog log, Stopwatch clock, CancellationToken cancellation)
    {
        // Stale results from an earlier run must never be read as this run's; the project lock makes them this build's own.
        if (Directory.Exists(run.ArtifactsDirectory))
        {
            Directory.Delete(run.ArtifactsDirectory, recursive: true);
        }

        var lockPath = settings.MachineLockPath ?? RunLock.DefaultMachinePath;
        RunLock machineLock;
        try
        {
            machineLock = await RunLock.AcquireAsync(lockPath, $"the benchmarks of {settings.ProjectPath}", settings.LockTimeout ?? GateSettings.DefaultLockTimeout,
                waiting => log.Progress($"PerfGate {settings.ProjectName}: benchmark runs never overlap on one machine; {waiting}"), cancellation).ConfigureAwait(false);
        }
        catch (Exception error) when (error is RunLockTimeoutException or RunLockUnusableException)
        {
            return (new BenchmarkProcessResult(-1, [], logPath), LockUnavailable("keeps benchmark runs on this machine from overlapping", error, settings));
        }

        using (machineLock)
        {
            var progress = new BenchmarkProgress(log, settings.ProjectName, clock);
            log.Progress($"PerfGate {settings.ProjectName}: {what} of {Path.GetFileName(run.AssemblyPath)} (full output: {logPath})");
            var result = await BenchmarkProcess.RunAsync(run, logPath, progress.OnLine, progress.OnTick, cancellation).ConfigureAwait(false);
            var projectLocation = new SourceLocation(settings.ProjectPath, 0, 0);
            if (result.StoppedBy is string signal)
            {
                return (result, new Finding(DiagnosticCatalog.RunStopped, Tier.Block, DiagnosticCatalog.RunStopped.FormatMessage(signal), projectLocation));
            }

            if (result.TimedOut is string hung)
            {
                var location = LocateDisplayName(run.AssemblyPath, hung) ?? projectLocation;
                return (result, new Finding(DiagnosticCatalog.BenchmarkTimedOut, Tier.Block,
                    DiagnosticCatalog.BenchmarkTimedOut.FormatMessage(hung, UnitFormat.Elapsed(run.BenchmarkTimeout), logPath), location));
            }

            return (result, null);
        }
    }

    /// <summary>The [Benchmark] method of BenchmarkDotNet's display name "Type.Method: Job [Params]", when the PDB knows it.</summary>
    private static SourceLocation? LocateDisplayName(string assemblyPath, string displayName)
    {
        var name = displayName.Split(':')[0].Trim();
        var dot = name.LastIndexOf('.');
        if (dot <= 0)
        {
            return null;
        }

        using var methods = PdbMethodLocator.Open(assemblyPath);
        return methods.LocateByTypeAndMethod(name[..dot], name[(dot + 1)..]);
    }

    private static Finding LockUnavailable(string purpose, Exception error, GateSettings settings)
    {
        var fix = error is RunLockTimeoutException
            ? "Wait for that run to end and build again, or raise the wait with -p:PerfGateLockTimeout=<minutes>"
            : "Point PerfGateRunLockFile at a file this account can create and write (for example one per CI agent, or in a folder shared by the accounts that build here)";
        var problem = error is RunLockUnusableException unusable ? $"{unusable.LockPath}: {unusable.Problem}" : error.Message;
        return new Finding(DiagnosticCatalog.RunLockUnavailable, Tier.Block,
            DiagnosticCatalog.RunLockUnavailable.FormatMessage(purpose, problem, fix), new SourceLocation(settings.ProjectPath, 0, 0));
    }
}
