using System.Diagnostics;
using PerfGate.BaseBuilds;
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
public sealed class Gate(ITimeComparisonRule timeRule, ConfirmationPolicy confirmation)
{
    public Gate()
        : this(new RobustTimeComparisonRule(), new ConfirmationPolicy())
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
            BaseCommit? baseCommit = null;
            if (settings.CompareWith is string reference && !settings.UpdateBaseline)
            {
                try
                {
                    baseCommit = await BaseCommit.ResolveAsync(Path.GetDirectoryName(settings.ProjectPath)!, reference, settings.CompareMergeBase, cancellation).ConfigureAwait(false);
                }
                catch (BaseUnavailableException error)
                {
                    GateStamp.Delete(settings.StampPath);
                    var blocked = GateResult.Blocked(new Finding(error.Rule, Tier.Block, error.Message, new SourceLocation(settings.ProjectPath, 0, 0)));
                    var (blockedFiles, blockedProblems) = await RunReports.WriteAsync(settings, blocked, reference, clock.Elapsed, log, cancellation).ConfigureAwait(false);
                    blocked = blocked with { Findings = [.. blocked.Findings, .. blockedProblems] };
                    await ReportFile.WriteAsync(settings.ReportPath, settings.ProjectPath, blocked, cancellation, settings.Run.Shard?.ToString()).ConfigureAwait(false);
                    return new GateOutcome(blocked, settings.ReportPath, blockedFiles);
                }
            }

            // In A/B mode the base commit decides the verdict as much as this build's files do.
            var fingerprint = GateFingerprint.Of(settings, baseCommit?.Sha);
            var stamp = GateStamp.Read(settings.StampPath);
            if (!settings.Force && !settings.UpdateBaseline && stamp is not null && stamp.Fingerprint == fingerprint && File.Exists(settings.ReportPath))
            {
                return await ReplayAsync(settings, stamp, log, cancellation).ConfigureAwait(false);
            }

            // Until this run ends well, the next build must run again.
            GateStamp.Delete(settings.StampPath);
            Measurements.RemoveEarlierRuns(settings.WorkDirectory);
            var result = await CompareAsync(settings, baseCommit, log, clock, cancellation).ConfigureAwait(false);
            var historyFindings = await RunHistory.AppendAndCheckAsync(settings, result, log, cancellation).ConfigureAwait(false);
            result = result with { Findings = [.. result.Findings, .. historyFindings] };
            var against = baseCommit is null ? null : baseCommit.Description + (settings.SharedCpu is int cpu ? $", launches together on CPU {cpu} (shared-CPU times: about twice a lone run's)" : string.Empty);
            var (reportFiles, reportProblems) = await RunReports.WriteAsync(settings, result, against, clock.Elapsed, log, cancellation).ConfigureAwait(false);
            result = result with { Findings = [.. result.Findings, .. reportProblems] };
            await ReportFile.WriteAsync(settings.ReportPath, settings.ProjectPath, result, cancellation, settings.Run.Shard?.ToString()).ConfigureAwait(false);
            if (result.Outcomes.Count > 0)
            {
                log.Summary(SummaryTable.Format(result, settings.ProjectName, against));
            }

            log.Summary($"PerfGate {settings.ProjectName}: {result.Verdict.ToString().ToUpperInvariant()} in {UnitFormat.Elapsed(clock.Elapsed)}; report: {settings.ReportPath}");
            if (result.Verdict <= Tier.Warn)
            {
                // Recording rewrote the baseline, which is part of the fingerprint: take it again.
                var after = settings.UpdateBaseline ? GateFingerprint.Of(settings, baseCommit?.Sha) : fingerprint;
                new GateStamp(after, settings.UpdateBaseline ? GateStamp.Recorded : result.Verdict.ToString().ToUpperInvariant()).Write(settings.StampPath);
            }

            return new GateOutcome(result, settings.ReportPath, reportFiles);
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
        var reportFiles = await RunReports.ReplayAsync(settings, log, cancellation).ConfigureAwait(false);
        return new GateOutcome(new GateResult([], findings), settings.ReportPath, reportFiles);
    }

    private async Task<GateResult> CompareAsync(GateSettings settings, BaseCommit? baseCommit, IGateLog log, Stopwatch clock, CancellationToken cancellation)
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
            baseline = await ReadBaselineAsync(settings.BaselinePath, cancellation).ConfigureAwait(false);
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

        if (settings.UpdateBaseline)
        {
            return await RecordAsync(settings, baseline, config, log, clock, cancellation).ConfigureAwait(false);
        }

        if (baseCommit is null)
        {
            return await JudgeAsync(settings, baseline, config, new Measurements(settings, null, log, clock), null, log, cancellation).ConfigureAwait(false);
        }

        // A/B: the base is checked out and built beside the user's tree, measured alternately with this build, and removed.
        log.Progress($"PerfGate {settings.ProjectName}: A/B against {baseCommit.Description}: checking it out into a temporary worktree and building it.");
        try
        {
            await using var worktree = await BaseWorktree.CreateAsync(baseCommit, settings.ProjectPath, cancellation).ConfigureAwait(false);
            var progress = new BenchmarkProgress(log, settings.ProjectName, clock);
            var (baseAssembly, build) = await BaseBuild.BuildAsync(baseCommit, worktree, settings.ProjectPath, settings.BaseBuild!,
                Path.Combine(settings.WorkDirectory, "base-build.log"), progress.OnLine, progress.OnTick, cancellation).ConfigureAwait(false);
            if (baseAssembly is null)
            {
                return GateResult.Blocked(StoppedFinding(build, settings, settings.Run.AssemblyPath, settings.BaseBuild!.Timeout)!);
            }

            var accepted = await AcceptedInChangeAsync(baseCommit, worktree, settings.BaselinePath, baseline, cancellation).ConfigureAwait(false);
            return await JudgeAsync(settings, baseline, config, new Measurements(settings, baseAssembly, log, clock), (baseCommit, accepted), log, cancellation).ConfigureAwait(false);
        }
        catch (BaseUnavailableException error)
        {
            return GateResult.Blocked(new Finding(error.Rule, Tier.Block, error.Message, error.Location ?? projectLocation));
        }
    }

    /// <summary>
    /// The first round (in A/B mode both builds, launches taking turns), the verdicts, and the confirmation rounds the policy
    /// asks for.
    /// </summary>
    private async Task<GateResult> JudgeAsync(GateSettings settings, Baseline? baseline, GateConfig config, Measurements measurements,
        (BaseCommit Commit, IReadOnlySet<string> Accepted)? ab, IGateLog log, CancellationToken cancellation)
    {
        Measurements.Side? baseSide = null;
        Measurements.Side current;
        if (measurements.IsAb)
        {
            (baseSide, current) = await measurements.FirstPairAsync(cancellation).ConfigureAwait(false);
            if ((baseSide.Stopped ?? current.Stopped ?? baseSide.Problem) is Finding problem)
            {
                return GateResult.Blocked(problem);
            }
        }
        else
        {
            current = await measurements.CurrentAsync(cancellation).ConfigureAwait(false);
        }

        if (current.Problem is not null)
        {
            return GateResult.Blocked(current.Problem);
        }

        var run = current.Run!;
        var projectLocation = new SourceLocation(settings.ProjectPath, 0, 0);
        using var methods = PdbMethodLocator.Open(settings.Run.AssemblyPath);
        var fallback = new FileEntryLocator(settings.BaselinePath, config, projectLocation);
        var request = new GateRequest(
            run,
            baseline,
            settings.BaselinePath,
            config,
            RunWasFiltered: settings.Run.Filter.Count > 0 || settings.Run.Shard is not null,
            Recording: false,
            settings.FailOnRegression,
            new AcceptCommands(settings.ProjectPath, settings.StartupDirectory),
            current.Process.LogPath,
            (key, result) => (result is null ? null : methods.Locate(result)) ?? fallback.Locate(key),
            Notes: current.Notes,
            Base: baseSide?.Run,
            BaseDescription: ab?.Commit.Description,
            AcceptedInChange: ab?.Accepted,
            SharedCpu: settings.SharedCpu);
        var evaluator = new GateEvaluator(timeRule, confirmation);
        Finding? notChecked = null;
        if (ab is null && settings.ConfirmRegressions && settings.CheckBaselineCommit && settings.BaseBuild is not null
            && evaluator.ToCheckAgainstBaselineCommit(request) is { Count: > 0 } candidates)
        {
            var alongside = settings.CheckEveryBenchmark ? evaluator.AlongsideTheCheck(request, candidates) : [];
            (var checkedResult, notChecked) = await CheckAgainstBaselineCommitAsync(settings, baseline, config, request, candidates, alongside, evaluator, log,
                measurements.Clock, cancellation).ConfigureAwait(false);
            if (checkedResult is not null)
            {
                return checkedResult;
            }
        }

        var judged = await ConfirmAndEvaluateAsync(request, evaluator, measurements, run, settings.ConfirmRegressions, cancellation).ConfigureAwait(false);
        return notChecked is null ? judged : judged with { Findings = [.. judged.Findings, notChecked] };
    }

    /// <summary>The confirmation rounds the policy asks for, then the verdicts; a round that was stopped ends the run with that.</summary>
    private static async Task<GateResult> ConfirmAndEvaluateAsync(GateRequest request, GateEvaluator evaluator, Measurements measurements, BenchmarkRun run,
        bool confirm, CancellationToken cancellation)
    {
        if (confirm)
        {
            var (rounds, stopped) = await evaluator.Confirmation.RunAsync(
                done => evaluator.ToConfirm(request with { Confirmations = done }),
                (keys, round) => measurements.ConfirmationAsync(run, keys, round, evaluator.Confirmation.Rounds, cancellation)).ConfigureAwait(false);
            request = request with { Confirmations = rounds };
            if (stopped is not null)
            {
                var result = evaluator.Evaluate(request);
                return new GateResult(result.Outcomes, [.. result.Findings, stopped]);
            }
        }

        return evaluator.Evaluate(request);
    }

    /// <summary>
    /// Measures the benchmarks the first run could not settle against the committed baseline (a slowdown past the WARN
    /// margin, or an entry recorded too noisy for its FAIL budget) again, in A/B mode beside the commit that
    /// last changed the baseline (<see cref="BaselineCommitCheck"/>), with the <paramref name="alongside"/> ones the first run
    /// did not flag (PerfGateCheckEveryBenchmark), and returns the run's verdicts with theirs. Returns no
    /// result when that commit cannot be had or measured: the caller then confirms against the baseline as before, with the
    /// information finding (PG0062) when the reason is one the user can act on.
    /// </summary>
    private async Task<(GateResult? Result, Finding? NotChecked)> CheckAgainstBaselineCommitAsync(GateSettings settings, Baseline? baseline, GateConfig config,
        GateRequest request, IReadOnlyList<BaselineCommitCandidate> candidates, IReadOnlyList<BaselineCommitCandidate> alongside, GateEvaluator evaluator, IGateLog log,
        Stopwatch clock, CancellationToken cancellation)
    {
        Finding NotChecked(string why) => new(DiagnosticCatalog.BaselineCommitNotChecked, Tier.Pass,
            DiagnosticCatalog.BaselineCommitNotChecked.FormatMessage(candidates.Count, string.Join(", ", candidates), OneLine.Escape(why)),
            new SourceLocation(settings.BaselinePath, 0, 0));
        var (commit, whyNot, notable) = await BaselineCommit.FindAsync(Path.GetDirectoryName(settings.ProjectPath)!, settings.BaselinePath, cancellation).ConfigureAwait(false);
        if (commit is null)
        {
            log.Detail($"PerfGate {settings.ProjectName}: {candidates.Count} benchmark(s) are judged against the committed baseline alone, not beside its commit: {whyNot}.");
            return (null, notable ? NotChecked(whyNot!) : null);
        }

        var keys = candidates.Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
        var measuredKeys = keys.Concat(alongside.Select(c => c.Key)).ToHashSet(StringComparer.Ordinal);
        var methods = request.Run.Results.Where(r => measuredKeys.Contains(r.Key)).Select(r => r.MethodFilter).Distinct().ToArray();
        var folder = settings.BaselineCommitCheckDirectory;
        var check = settings with
        {
            CompareWith = commit.Sha,
            WorkDirectory = folder,
            // Only the flagged methods and those alongside, all of them: a shard of this run already chose them.
            Run = settings.Run with { Filter = methods, Shard = null, ArtifactsDirectory = Path.Combine(folder, "artifacts") },
        };
        Directory.CreateDirectory(folder);
        log.Progress($"PerfGate {settings.ProjectName}: {candidates.Count} benchmark(s) to measure again beside {commit.Description}, the code that recorded the committed baseline: "
            + $"{OneLine.Escape(string.Join(", ", candidates))}; "
            + (alongside.Count == 0 ? string.Empty : $"and {alongside.Count} more alongside them, which the same drift of this machine since the recording may have made look no slower: {OneLine.Escape(string.Join(", ", alongside))}; ")
            + "checking it out into a temporary worktree and building it.");
        GateResult measured;
        try
        {
            await using var worktree = await BaseWorktree.CreateAsync(commit, settings.ProjectPath, cancellation).ConfigureAwait(false);
            var progress = new BenchmarkProgress(log, settings.ProjectName, clock);
            var (baseAssembly, build) = await BaseBuild.BuildAsync(commit, worktree, settings.ProjectPath, settings.BaseBuild!,
                Path.Combine(folder, "base-build.log"), progress.OnLine, progress.OnTick, cancellation).ConfigureAwait(false);
            if (baseAssembly is null)
            {
                var first = evaluator.Evaluate(request);
                return (first with { Findings = [.. first.Findings, StoppedFinding(build, settings, settings.Run.AssemblyPath, settings.BaseBuild!.Timeout)!] }, null);
            }

            // The baseline file is the same at that commit (it is unchanged since), so this change accepted nothing against it.
            measured = await JudgeAsync(check, baseline, config, new Measurements(check, baseAssembly, log, clock), (commit, new HashSet<string>()), log, cancellation)
                .ConfigureAwait(false);
        }
        catch (BaseUnavailableException error)
        {
            return (null, NotChecked(error.Message));
        }

        if (measured.Outcomes.Count == 0 && measured.Findings.FirstOrDefault(IsStop) is Finding stop)
        {
            var first = evaluator.Evaluate(request);
            return (first with { Findings = [.. first.Findings, stop] }, null);
        }

        if (!keys.All(BaselineCommitCheck.Judged(measured).Contains))
        {
            // Its build ran but did not measure every slowdown (its process failed, or it lacks a benchmark): confirm as before.
            var problem = measured.Findings.FirstOrDefault(f => f.Tier == Tier.Block)?.Message ?? "the commit's build did not measure every one of them";
            return (null, NotChecked(problem));
        }

        return (evaluator.WithBaselineCommitCheck(request, measured, commit.Description), null);
    }

    /// <summary>A finding that stopped the run: a signal, a hang, the machine lock.</summary>
    private static bool IsStop(Finding finding) =>
        finding.Rule == DiagnosticCatalog.RunStopped || finding.Rule == DiagnosticCatalog.BenchmarkTimedOut || finding.Rule == DiagnosticCatalog.RunLockUnavailable;

    /// <summary>
    /// Re-records the baseline from <see cref="GateSettings.RecordProcesses"/> processes, so it holds each benchmark's
    /// between-process spread; a partial or failed recording leaves the file as it was.
    /// </summary>
    private async Task<GateResult> RecordAsync(GateSettings settings, Baseline? baseline, GateConfig config, IGateLog log, Stopwatch clock, CancellationToken cancellation)
    {
        var measurements = new Measurements(settings, null, log, clock);
        var first = await measurements.CurrentAsync(cancellation).ConfigureAwait(false);
        if (first.Problem is not null)
        {
            return GateResult.Blocked(first.Problem);
        }

        // Each run adds as many processes as its job has launches (PerfGate's job: 3; BenchmarkDotNet's default job: 1). The
        // run judged below is the first, or the first that had a benchmark fail (or not build): that blocks the recording,
        // so nothing more is measured.
        var processes = new List<BenchmarkRun> { first.Run! };
        var measured = ProcessesPerBenchmark(first.Run!);
        var judged = first;
        var number = 2;
        for (; measured < settings.RecordProcesses && !judged.Run!.Failed.Any(); number++)
        {
            var next = await measurements.RecordingAsync(number, $"{measured} of {settings.RecordProcesses} processes so far", null, cancellation).ConfigureAwait(false);
            if (next.Problem is not null)
            {
                return GateResult.Blocked(next.Problem);
            }

            processes.Add(next.Run!);
            measured += ProcessesPerBenchmark(next.Run!);
            judged = next.Run!.Failed.Any() ? next : judged;
        }

        // Benchmarks whose processes disagreed by more than half a budget are measured in as many processes again.
        var unsettled = measured > 1 ? UnsettledBenchmarks.Find(processes, config) : [];
        var unsettledMethods = unsettled.Select(r => r.MethodFilter).Distinct(StringComparer.Ordinal).ToArray();
        for (var extra = 0; extra < measured && unsettledMethods.Length > 0 && !judged.Run!.Failed.Any(); number++)
        {
            log.Progress($"PerfGate {settings.ProjectName}: {unsettled.Count} benchmark(s) landed more than half a time budget apart in separate processes; measuring them in more processes ({OneLine.Escape(string.Join(", ", unsettledMethods))}).");
            var next = await measurements.RecordingAsync(number, $"{measured + extra} of {2 * measured} processes for the benchmarks whose processes disagree", unsettledMethods, cancellation).ConfigureAwait(false);
            if (next.Problem is not null)
            {
                return GateResult.Blocked(next.Problem);
            }

            processes.Add(next.Run!);
            extra += ProcessesPerBenchmark(next.Run!);
            judged = next.Run!.Failed.Any() ? next : judged;
        }

        var projectLocation = new SourceLocation(settings.ProjectPath, 0, 0);
        var updated = (baseline ?? Baseline.Empty).UpdatedWith(processes, settings.UpdateReason);
        using var methods = PdbMethodLocator.Open(settings.Run.AssemblyPath);
        var fallback = new FileEntryLocator(settings.BaselinePath, config, projectLocation);
        var pooled = judged.Run! with { Results = judged.Run!.Results.Select(r => updated.Entries.TryGetValue(r.Key, out var e) && !r.Failed ? r with { SamplesNs = e.SamplesNs } : r).ToArray() };
        var request = new GateRequest(pooled, baseline, settings.BaselinePath, config, RunWasFiltered: settings.Run.Filter.Count > 0 || settings.Run.Shard is not null, Recording: true,
            settings.FailOnRegression, new AcceptCommands(settings.ProjectPath, settings.StartupDirectory), judged.Process.LogPath,
            (key, result) => (result is null ? null : methods.Locate(result)) ?? fallback.Locate(key), Notes: judged.Notes);
        var gateResult = new GateEvaluator(timeRule, confirmation).Evaluate(request);
        if (gateResult.Verdict >= Tier.Block)
        {
            return gateResult;
        }

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

        // Entries whose recording processes disagreed by more than their FAIL budget can resolve: said now, before the commit.
        if (BaselineResolutionRule.Judge(updated, first.Run!.Succeeded.Select(r => r.Key), config) is { } tooNoisy)
        {
            gateResult = gateResult with { Findings = [.. gateResult.Findings, tooNoisy] };
        }

        var spread = measured > 1 ? $" from {measured} processes each (their spread is kept per benchmark)" : string.Empty;
        var more = unsettled.Count > 0 ? $"; {unsettled.Count} of them, whose processes disagreed by more than half a budget, in up to {2 * measured}" : string.Empty;
        log.Summary($"PerfGate {settings.ProjectName}: recorded {first.Run!.Succeeded.Count()} benchmark(s){spread}{more} in {settings.BaselinePath} ({updated.Entries.Count} entries in all). Review and commit it.");
        return gateResult;
    }

    /// <summary>
    /// The benchmarks whose entry in the committed baseline this change re-recorded: the entry differs from the one in the
    /// base commit's baseline file. When the base has no baseline file, the entries recorded with a reason (the accept
    /// command's -p:PerfGateUpdateReason) count. Their regressions against the base were accepted on purpose.
    /// </summary>
    private static async Task<IReadOnlySet<string>> AcceptedInChangeAsync(BaseCommit commit, BaseWorktree worktree, string baselinePath, Baseline? baseline,
        CancellationToken cancellation)
    {
        if (baseline is null)
        {
            return new HashSet<string>();
        }

        Baseline? before = null;
        try
        {
            var relative = Path.GetRelativePath(commit.RepositoryRoot, baselinePath);
            var basePath = Path.Combine(worktree.Path, relative);
            before = !relative.StartsWith("..", StringComparison.Ordinal) && File.Exists(basePath) ? await BaselineFile.ReadAsync(basePath, cancellation).ConfigureAwait(false) : null;
        }
        catch (PerfGateFileException)
        {
            // The base's baseline is unreadable: judge as if it had none.
        }

        return baseline.Entries
            .Where(e => before is null
                ? e.Value.Reason is not null
                : !before.Entries.TryGetValue(e.Key, out var old) || !old.SamplesNs.SequenceEqual(e.Value.SamplesNs))
            .Select(e => e.Key)
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The processes a run measured every benchmark in: the fewest launches any succeeded benchmark had.</summary>
    private static int ProcessesPerBenchmark(BenchmarkRun run) => run.Succeeded.Select(r => r.Processes).DefaultIfEmpty(1).Min();

    private static async Task<Baseline?> ReadBaselineAsync(string path, CancellationToken cancellation) =>
        File.Exists(path) || Directory.Exists(path) ? await BaselineFile.ReadAsync(path, cancellation).ConfigureAwait(false) : null;

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
    /// The BLOCK for a process that did not end by itself: a signal stopped it (PG3111) or it hung past the timeout (PG3109,
    /// at the hung benchmark's method when the PDB knows it); null when it ended by itself.
    /// </summary>
    internal static Finding? StoppedFinding(BenchmarkProcessResult result, GateSettings settings, string assemblyPath, TimeSpan timeout)
    {
        var projectLocation = new SourceLocation(settings.ProjectPath, 0, 0);
        if (result.StoppedBy is string signal)
        {
            return new Finding(DiagnosticCatalog.RunStopped, Tier.Block, DiagnosticCatalog.RunStopped.FormatMessage(signal), projectLocation);
        }

        if (result.TimedOut is string hung)
        {
            var location = LocateDisplayName(assemblyPath, hung) ?? projectLocation;
            return new Finding(DiagnosticCatalog.BenchmarkTimedOut, Tier.Block,
                DiagnosticCatalog.BenchmarkTimedOut.FormatMessage(hung, UnitFormat.Elapsed(timeout), result.LogPath), location);
        }

        return null;
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

    internal static Finding LockUnavailable(string purpose, Exception error, GateSettings settings)
    {
        var fix = error is RunLockTimeoutException
            ? "Wait for that run to end and build again, or raise the wait with -p:PerfGateLockTimeout=<minutes>"
            : "Point PerfGateRunLockFile at a file this account can create and write (for example one per CI agent, or in a folder shared by the accounts that build here)";
        var problem = error is RunLockUnusableException unusable ? $"{unusable.LockPath}: {unusable.Problem}" : error.Message;
        return new Finding(DiagnosticCatalog.RunLockUnavailable, Tier.Block,
            DiagnosticCatalog.RunLockUnavailable.FormatMessage(purpose, problem, fix), new SourceLocation(settings.ProjectPath, 0, 0));
    }
}
