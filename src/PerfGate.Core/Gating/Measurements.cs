using System.Diagnostics;
using PerfGate.Diagnostics;
using PerfGate.Formatting;
using PerfGate.Locations;
using PerfGate.Results;
using PerfGate.Running;
using PerfGate.Verdicts;

namespace PerfGate.Gating;

/// <summary>
/// Runs the benchmark processes of one gated build and reads what they measured: this build's side and, in A/B mode,
/// the base build's side. Each process runs alone on the machine (the machine lock), under the timeout, and is stopped
/// with its whole tree on a signal.
/// </summary>
/// <param name="baseAssembly">The base build's benchmark assembly in A/B mode; null otherwise.</param>
public sealed class Measurements(GateSettings settings, string? baseAssembly, IGateLog log, Stopwatch clock)
{
    /// <summary>What one benchmark process gave.</summary>
    /// <param name="Run">Its results, with each method's IL fingerprint; null when it gave none.</param>
    /// <param name="Problem">Why there is no usable run: the process failed, gave no results, or BenchmarkDotNet could
    /// not build the benchmarks.</param>
    /// <param name="Stopped">Set when the run was stopped before it ended (signal, hang, lock): nothing more may run.</param>
    public sealed record Side(BenchmarkRun? Run, RunNotes Notes, BenchmarkProcessResult Process, Finding? Problem, Finding? Stopped);

    public bool IsAb => baseAssembly is not null;

    /// <summary>Since the gated run began, for the progress lines.</summary>
    public Stopwatch Clock => clock;

    /// <summary>This build's side of the first round, every benchmark.</summary>
    public Task<Side> CurrentAsync(CancellationToken cancellation) =>
        RunAsync(settings.Run, settings.LogPath, "running benchmarks", cancellation);

    /// <summary>
    /// The first round in A/B mode, every benchmark: the base build's and this build's runs at once, taking turns launch by
    /// launch (<see cref="LaunchTurns"/>), the base's launch first, or launch by launch side by side on one CPU.
    /// </summary>
    public Task<(Side Base, Side Current)> FirstPairAsync(CancellationToken cancellation) =>
        PairAsync(
            settings.Run, settings.LogPath,
            BaseRun(settings.Run with { ArtifactsDirectory = Path.Combine(settings.WorkDirectory, "artifacts-base") }), Path.Combine(settings.WorkDirectory, "benchmarks-base.log"),
            $"running the base build's and this build's benchmarks, {Schedule}{ScheduleHint}", LaunchTurns.BaseSide, Path.Combine(settings.WorkDirectory, "turns"), cancellation);

    /// <summary>
    /// One more recording run (number 2 and up; the first is <see cref="CurrentAsync"/>): every benchmark, or only the
    /// [Benchmark] methods given.
    /// </summary>
    public Task<Side> RecordingAsync(int number, string progress, IReadOnlyList<string>? methods, CancellationToken cancellation) =>
        RunAsync(settings.Run with { ArtifactsDirectory = Path.Combine(settings.WorkDirectory, $"artifacts-record-{number}"), Filter = methods ?? settings.Run.Filter },
            Path.Combine(settings.WorkDirectory, $"benchmarks-record-{number}.log"), $"recording run {number} ({progress})", cancellation);

    /// <summary>
    /// A confirmation round: the [Benchmark] methods of the cases to confirm again, in new processes; in A/B mode the base too,
    /// launches taking turns as in the first round, the side that goes first alternating between rounds (this build, then
    /// the base), so a drift of the machine during the build does not always favour the same side. A side that fails to
    /// measure confirms nothing: it comes back empty.
    /// </summary>
    public async Task<(MeasurementRound Round, Finding? Stopped)> ConfirmationAsync(BenchmarkRun first, IReadOnlyList<string> keys, int round, int rounds,
        CancellationToken cancellation)
    {
        var methods = first.Results.Where(r => keys.Contains(r.Key)).Select(r => r.MethodFilter).Distinct().ToArray();
        log.Progress($"PerfGate {settings.ProjectName}: {keys.Count} slowdown(s) to confirm; confirmation round {round} of {rounds}, in new processes ({OneLine.Escape(string.Join(", ", methods))}).");
        var current = settings.Run with { Filter = methods, ArtifactsDirectory = Path.Combine(settings.WorkDirectory, $"artifacts-confirmation-{round}") };
        var empty = new BenchmarkRun(first.Environment, []);
        if (!IsAb)
        {
            var alone = await RunAsync(current, settings.ConfirmationLogPath(round), $"confirmation round {round}", cancellation).ConfigureAwait(false);
            return alone.Stopped is not null ? (MeasurementRound.Empty(first.Environment, IsAb), alone.Stopped) : (new MeasurementRound(alone.Run ?? empty), null);
        }

        var (baseSide, currentSide) = await PairAsync(
            current, settings.ConfirmationLogPath(round),
            BaseRun(current with { ArtifactsDirectory = Path.Combine(settings.WorkDirectory, $"artifacts-base-confirmation-{round}") }),
            Path.Combine(settings.WorkDirectory, $"benchmarks-base-confirmation-{round}.log"),
            $"confirmation round {round}, both builds, {Schedule}", round % 2 == 1 ? LaunchTurns.CurrentSide : LaunchTurns.BaseSide,
            Path.Combine(settings.WorkDirectory, $"turns-confirmation-{round}"), cancellation).ConfigureAwait(false);
        var stopped = baseSide.Stopped ?? currentSide.Stopped;
        return stopped is not null
            ? (MeasurementRound.Empty(first.Environment, IsAb), stopped)
            : (new MeasurementRound(currentSide.Run ?? empty, baseSide.Run ?? empty), null);
    }

    /// <summary>Removes what an earlier build left: a confirmation, recording or base log or result must never pass for this build's.</summary>
    public static void RemoveEarlierRuns(string workDirectory)
    {
        foreach (var file in Directory.EnumerateFiles(workDirectory, "benchmarks-*.log"))
        {
            File.Delete(file);
        }

        // The check against the baseline's commit keeps its own logs and results in a folder of its own.
        var check = Path.Combine(workDirectory, GateSettings.BaselineCommitCheckFolder);
        foreach (var artifacts in Directory.EnumerateDirectories(workDirectory, "artifacts-*").Concat(Directory.EnumerateDirectories(workDirectory, "turns*"))
            .Concat(Directory.Exists(check) ? [check] : []))
        {
            Directory.Delete(artifacts, recursive: true);
        }
    }

    /// <summary>How the two builds' launches share the machine, for the progress lines.</summary>
    private string Schedule => settings.SharedCpu is int cpu ? $"launches together on CPU {cpu}" : "launches taking turns";

    // Launches together are the default on Linux, and one CPU cannot show what a benchmark's threads do in parallel.
    private string ScheduleHint => settings.SharedCpu is null ? string.Empty : $"; for benchmarks that use several threads set {AbSchedule.PropertyName}=turns";

    private BenchmarkRunSettings BaseRun(BenchmarkRunSettings run) => run with { AssemblyPath = baseAssembly! };

    /// <summary>One of this build's runs alone (the base only ever runs paired, <see cref="PairAsync"/>).</summary>
    private async Task<Side> RunAsync(BenchmarkRunSettings run, string logPath, string what, CancellationToken cancellation)
    {
        var (process, stopped) = await RunProcessAsync(run, logPath, what, cancellation).ConfigureAwait(false);
        return stopped is not null ? new Side(null, RunNotes.None, process, stopped, stopped) : await ReadAsync(run, process, isBase: false, cancellation).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs this build's and the base build's benchmark processes at once under one hold of the machine lock; their launches
    /// take turns (<see cref="LaunchTurns"/>), so they never measure at the same time, or with PerfGateAbSchedule=shared-cpu
    /// run side by side on one CPU (<see cref="AbSchedule"/>). Each side's process is stopped on
    /// its own hang; a signal stops both.
    /// </summary>
    private async Task<(Side Base, Side Current)> PairAsync(BenchmarkRunSettings currentRun, string currentLog, BenchmarkRunSettings baseRun, string baseLog,
        string what, string first, string turnsFolder, CancellationToken cancellation)
    {
        LaunchTurns.Prepare(turnsFolder);
        // A benchmark's step now holds its turn waits too (the other build's launches of about the same benchmark): twice the time.
        var timeout = currentRun.BenchmarkTimeout * 2;
        currentRun = currentRun with { BenchmarkTimeout = timeout, Turns = new LaunchTurns(turnsFolder, LaunchTurns.CurrentSide, first, currentRun.BenchmarkTimeout, settings.SharedCpu) };
        baseRun = baseRun with { BenchmarkTimeout = timeout, Turns = new LaunchTurns(turnsFolder, LaunchTurns.BaseSide, first, baseRun.BenchmarkTimeout, settings.SharedCpu) };
        ClearArtifacts(currentRun);
        ClearArtifacts(baseRun);
        var (machineLock, unavailable) = await MachineLockAsync(cancellation).ConfigureAwait(false);
        if (machineLock is null)
        {
            Side Unavailable(string logPath) => new(null, RunNotes.None, new BenchmarkProcessResult(-1, [], logPath), unavailable, unavailable);
            return (Unavailable(baseLog), Unavailable(currentLog));
        }

        BenchmarkProcessResult baseProcess, currentProcess;
        using (machineLock)
        using (var pair = CancellationTokenSource.CreateLinkedTokenSource(cancellation))
        {
            // Both processes report at once: one lock keeps their lines whole in the build log.
            var shared = new SynchronizedGateLog(log);
            shared.Progress($"PerfGate {settings.ProjectName}: {what} (full output: {baseLog} and {currentLog})");
            async Task<BenchmarkProcessResult> Run(BenchmarkRunSettings run, string logPath, string label, string side)
            {
                var progress = new BenchmarkProgress(shared, label, clock);
                try
                {
                    var result = await BenchmarkProcess.RunAsync(run, logPath, progress.OnLine, progress.OnTick, pair.Token).ConfigureAwait(false);
                    if (result.TimedOut is not null)
                    {
                        // The gate stops at a hang; the other build's process would only run on (or hang in the same place).
                        await pair.CancelAsync().ConfigureAwait(false);
                    }

                    return result;
                }
                catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
                {
                    return new BenchmarkProcessResult(-1, [], logPath); // Stopped for the other side's hang, the finding below.
                }
                finally
                {
                    // A side that ended (or failed, or was stopped) must not keep the other waiting for its turn.
                    LaunchTurns.Done(turnsFolder, side);
                }
            }

            var baseTask = Run(baseRun, baseLog, $"{settings.ProjectName} (base)", LaunchTurns.BaseSide);
            var currentTask = Run(currentRun, currentLog, settings.ProjectName, LaunchTurns.CurrentSide);
            // Both end before the lock is let go, also on Ctrl+C (each stops its own process tree, then this throws).
            await Task.WhenAll(baseTask, currentTask).ConfigureAwait(false);
            baseProcess = await baseTask.ConfigureAwait(false);
            currentProcess = await currentTask.ConfigureAwait(false);
        }

        // A hang on either side is the finding of both (the other was stopped for it), located in this build's source (the
        // base's is a temporary worktree).
        var hung = baseProcess.TimedOut is not null ? Gate.StoppedFinding(baseProcess, settings, currentRun.AssemblyPath, baseRun.BenchmarkTimeout)
            : currentProcess.TimedOut is not null ? Gate.StoppedFinding(currentProcess, settings, currentRun.AssemblyPath, currentRun.BenchmarkTimeout)
            : null;
        if (hung is not null)
        {
            return (new Side(null, RunNotes.None, baseProcess, hung, hung), new Side(null, RunNotes.None, currentProcess, hung, hung));
        }

        async Task<Side> Read(BenchmarkRunSettings run, BenchmarkProcessResult process, bool isBase) =>
            Gate.StoppedFinding(process, settings, run.AssemblyPath, run.BenchmarkTimeout) is Finding stopped
                ? new Side(null, RunNotes.None, process, stopped, stopped)
                : await ReadAsync(run, process, isBase, cancellation).ConfigureAwait(false);
        return (await Read(baseRun, baseProcess, isBase: true).ConfigureAwait(false), await Read(currentRun, currentProcess, isBase: false).ConfigureAwait(false));
    }

    /// <summary>What a benchmark process that ended by itself gave: its results, or the problem that left none.</summary>
    private async Task<Side> ReadAsync(BenchmarkRunSettings run, BenchmarkProcessResult process, bool isBase, CancellationToken cancellation)
    {
        var projectLocation = new SourceLocation(settings.ProjectPath, 0, 0);
        var whose = isBase ? "The base build's benchmark process: " : string.Empty;
        if (process.ExitCode != 0)
        {
            var tail = new MultilineText(string.Concat(process.OutputTail.Select(line => Environment.NewLine + "    " + OneLine.Escape(line))));
            return Problem(process, new Finding(DiagnosticCatalog.BenchmarkProcessFailed, Tier.Block,
                whose + DiagnosticCatalog.BenchmarkProcessFailed.FormatMessage(process.ExitCode, process.LogPath, tail), projectLocation));
        }

        BenchmarkRun results;
        try
        {
            results = await BenchmarkDotNetReportReader.ReadDirectoryAsync(run.ResultsDirectory, cancellation).ConfigureAwait(false);
        }
        catch (PerfGateFileException error)
        {
            return Problem(process, new Finding(DiagnosticCatalog.ResultsUnreadable, Tier.Block,
                DiagnosticCatalog.ResultsUnreadable.FormatMessage(error.FilePath, error.Problem), error.Location));
        }

        var notes = RunNotes.Read(run.ArtifactsDirectory);
        if (results.Results.Count == 0)
        {
            if (notes.BuildFailures.Count > 0)
            {
                var (error, location) = RunNotes.FirstBuildError(notes.BuildFailures.Values.First());
                return Problem(process, new Finding(DiagnosticCatalog.BenchmarkBuildFailed, Tier.Block,
                    whose + DiagnosticCatalog.BenchmarkBuildFailed.FormatMessage(notes.BuildFailures.Count, string.Join(", ", notes.BuildFailures.Keys), error, process.LogPath),
                    isBase ? projectLocation : location ?? projectLocation));
            }

            if (run.Shard is not null && process.ExitCode == 0)
            {
                // More shards than this suite has cases to spread: this one is empty, which is no failure.
                log.Progress($"PerfGate {settings.ProjectName}: shard {run.Shard} holds none of this suite's benchmark cases; nothing to measure.");
                return new Side(new BenchmarkRun(results.Environment, []), notes, process, null, null);
            }

            return Problem(process, new Finding(DiagnosticCatalog.NoResults, Tier.Block,
                whose + DiagnosticCatalog.NoResults.FormatMessage(run.ResultsDirectory, process.LogPath), projectLocation));
        }

        var fingerprints = MethodIlFingerprints.Read(run.AssemblyPath);
        results = results with { Results = results.Results.Select(r => r with { MethodFingerprint = fingerprints.Of(r) }).ToArray() };
        return new Side(results, notes, process, null, null);

        static Side Problem(BenchmarkProcessResult process, Finding finding) => new(null, RunNotes.None, process, finding, null);
    }

    /// <summary>
    /// Runs one benchmark process alone on the machine. The finding is set when the run did not end by itself: it hung
    /// past the timeout, a signal stopped it, or the machine-wide lock could not be had.
    /// </summary>
    private async Task<(BenchmarkProcessResult Result, Finding? Stopped)> RunProcessAsync(BenchmarkRunSettings run, string logPath, string what, CancellationToken cancellation)
    {
        ClearArtifacts(run);
        var (machineLock, unavailable) = await MachineLockAsync(cancellation).ConfigureAwait(false);
        if (machineLock is null)
        {
            return (new BenchmarkProcessResult(-1, [], logPath), unavailable);
        }

        using (machineLock)
        {
            var progress = new BenchmarkProgress(log, settings.ProjectName, clock);
            log.Progress($"PerfGate {settings.ProjectName}: {what} of {Path.GetFileName(run.AssemblyPath)} (full output: {logPath})");
            var result = await BenchmarkProcess.RunAsync(run, logPath, progress.OnLine, progress.OnTick, cancellation).ConfigureAwait(false);
            return (result, Gate.StoppedFinding(result, settings, run.AssemblyPath, run.BenchmarkTimeout));
        }
    }

    /// <summary>Stale results from an earlier run must never be read as this run's; the project lock makes them this build's own.</summary>
    private static void ClearArtifacts(BenchmarkRunSettings run)
    {
        if (Directory.Exists(run.ArtifactsDirectory))
        {
            Directory.Delete(run.ArtifactsDirectory, recursive: true);
        }
    }

    /// <summary>The machine-wide lock that keeps benchmark runs of different builds from overlapping; null with the finding when it cannot be had.</summary>
    private async Task<(RunLock? Lock, Finding? Unavailable)> MachineLockAsync(CancellationToken cancellation)
    {
        var lockPath = settings.MachineLockPath ?? RunLock.DefaultMachinePath;
        try
        {
            return (await RunLock.AcquireAsync(lockPath, $"the benchmarks of {settings.ProjectPath}", settings.LockTimeout ?? GateSettings.DefaultLockTimeout,
                waiting => log.Progress($"PerfGate {settings.ProjectName}: benchmark runs never overlap on one machine; {waiting}"), cancellation).ConfigureAwait(false), null);
        }
        catch (Exception error) when (error is RunLockTimeoutException or RunLockUnusableException)
        {
            return (null, Gate.LockUnavailable("keeps benchmark runs on this machine from overlapping", error, settings));
        }
    }
}
