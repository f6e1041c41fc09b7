using System.Globalization;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using PerfGate.BaseBuilds;
using PerfGate.Diagnostics;
using PerfGate.Gating;
using PerfGate.Reports;
using PerfGate.Running;
using Task = Microsoft.Build.Utilities.Task;

namespace PerfGate.Tasks;

/// <summary>
/// Runs a benchmark project's benchmarks, gates them against the baseline and logs coded, located diagnostics.
/// Returns false (the build fails) exactly when an error was logged: a FAIL or a BLOCK.
/// </summary>
public sealed class GateBenchmarks : Task, ICancelableTask
{
    private readonly CancellationTokenSource cancellation = new();

    [Required]
    public string ProjectPath { get; set; } = string.Empty;

    /// <summary>The built benchmark assembly (the project's TargetPath).</summary>
    [Required]
    public string AssemblyPath { get; set; } = string.Empty;

    /// <summary>PerfGate's folder in the intermediate output (report, benchmark log, BenchmarkDotNet artifacts).</summary>
    [Required]
    public string WorkDirectory { get; set; } = string.Empty;

    [Required]
    public string BaselinePath { get; set; } = string.Empty;

    public string DotnetHost { get; set; } = "dotnet";

    public string? ConfigPath { get; set; }

    /// <summary>True when the user named the config file: then it must exist.</summary>
    public bool ConfigPathIsExplicit { get; set; }

    public bool UpdateBaseline { get; set; }

    public string? UpdateReason { get; set; }

    public bool FailOnRegression { get; set; } = true;

    /// <summary>Re-run time regressions in a new process before failing the build.</summary>
    public bool ConfirmRegressions { get; set; } = true;

    /// <summary>BenchmarkDotNet filter globs, separated by ';' or ','.</summary>
    public string? Filter { get; set; }

    public string Job { get; set; } = "perfgate";

    public string? IterationCount { get; set; }

    public string? WarmupCount { get; set; }

    public string? IterationTimeMs { get; set; }

    public string? LaunchCount { get; set; }

    /// <summary>Every file the benchmark program loads: its assembly, deps.json, runtimeconfig.json and copy-local closure.</summary>
    public ITaskItem[] InputFiles { get; set; } = [];

    /// <summary>Run even when nothing changed since the last gated run.</summary>
    public bool Force { get; set; }

    /// <summary>The folder the build was started from (MSBuildStartupDirectory): printed commands are relative to it.</summary>
    public string? StartupDirectory { get; set; }

    /// <summary>Minutes one benchmark may run before it is reported as hung and stopped; empty for the default.</summary>
    public string? BenchmarkTimeout { get; set; }

    /// <summary>Minutes to wait for another gated build of the project or another benchmark run on the machine.</summary>
    public string? LockTimeout { get; set; }

    /// <summary>The machine-wide lock file; empty for the temp folder's.</summary>
    public string? RunLockFile { get; set; }

    /// <summary>How many processes a recording measures each benchmark in; empty for the default (3).</summary>
    public string? RecordProcesses { get; set; }

    /// <summary>A/B mode: the git ref or commit to compare with (PerfGateCompareWith); empty for the committed baseline.</summary>
    public string? CompareWith { get; set; }

    /// <summary>A/B mode: compare with the merge base of HEAD and <see cref="CompareWith"/> (default) rather than the ref itself.</summary>
    public bool CompareMergeBase { get; set; } = true;

    /// <summary>
    /// Committed-baseline mode: a slowdown the first run measured against the baseline is measured again beside the commit
    /// that last changed the baseline, built from git, and that A/B comparison decides (PerfGateCheckBaselineCommit, default true).
    /// </summary>
    public bool CheckBaselineCommit { get; set; } = true;

    /// <summary>
    /// Once the check against the baseline's commit runs, it measures every benchmark compared with the baseline beside that
    /// commit, not only the flagged ones (PerfGateCheckEveryBenchmark, default true).
    /// </summary>
    public bool CheckEveryBenchmark { get; set; } = true;

    /// <summary>A/B mode: 'shared-cpu[:N]' (the default on Linux) or 'turns' (PerfGateAbSchedule, see <see cref="AbSchedule"/>).</summary>
    public string? AbSchedule { get; set; }

    /// <summary>The gated build's Configuration and TargetFramework: the A/B base is built the same way.</summary>
    public string? Configuration { get; set; }

    public string? TargetFramework { get; set; }

    /// <summary>PerfGate's entry point source and build/PerfGate.Sdk.BaseBuild.targets, for the A/B base build.</summary>
    public string? BenchmarkEntryFile { get; set; }

    public string? BaseBuildTargetsFile { get; set; }

    /// <summary>PASS, WARN, FAIL or BLOCK.</summary>
    [Output]
    public string Verdict { get; private set; } = string.Empty;

    /// <summary>The machine-readable report, report.json.</summary>
    [Output]
    public ITaskItem? ReportFile { get; private set; }

    /// <summary>PerfGateReports: which report files to write (markdown, html, junit, sarif, csv; all or none).</summary>
    public string? Reports { get; set; }

    /// <summary>PerfGateReportDirectory: where the report files go; default PerfGate's obj folder.</summary>
    public string? ReportDirectory { get; set; }

    /// <summary>PerfGateCiSummary: publish the Markdown summary to the GitHub Actions or Azure Pipelines run page.</summary>
    public bool CiSummary { get; set; } = true;

    /// <summary>PerfGateShard: "i/n", run only the i-th of n stable slices of the benchmark cases.</summary>
    public string? Shard { get; set; }

    /// <summary>PerfGateHistory: append every gated run to the run history (and check its drift).</summary>
    public bool History { get; set; } = true;

    /// <summary>PerfGateHistoryFile: the run history; default history.jsonl in PerfGate's obj folder.</summary>
    public string? HistoryFile { get; set; }

    /// <summary>PerfGateHistoryRetention: keep the last N runs (500) or the runs of the last N days (90d); empty keeps all.</summary>
    public string? HistoryRetention { get; set; }

    /// <summary>The report files written (each with its Format metadata), for other targets to pick up.</summary>
    [Output]
    public ITaskItem[] ReportFiles { get; private set; } = [];

    public void Cancel() => cancellation.Cancel();

    public override bool Execute()
    {
        try
        {
            var settings = ReadSettings();
            if (settings is not null)
            {
                var outcome = new Gate().RunAsync(settings, new MSBuildGateLog(Log), cancellation.Token).GetAwaiter().GetResult();
                foreach (var finding in outcome.Result.Findings)
                {
                    FindingLogger.Log(Log, finding, ProjectPath);
                }

                Verdict = outcome.Result.Verdict.ToString().ToUpperInvariant();
                ReportFile = new TaskItem(outcome.ReportPath);
                ReportFile.SetMetadata("Verdict", Verdict);
                ReportFiles = (outcome.ReportFiles ?? []).Select(path =>
                {
                    var item = new TaskItem(path);
                    item.SetMetadata("Format", Path.GetExtension(path).TrimStart('.'));
                    item.SetMetadata("Verdict", Verdict);
                    return (ITaskItem)item;
                }).ToArray();
            }
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C or a cancelled build: the benchmark processes are already stopped; the build must not pass.
            FindingLogger.Log(Log, new Finding(DiagnosticCatalog.RunStopped, Tier.Block,
                DiagnosticCatalog.RunStopped.FormatMessage("the build's cancellation (Ctrl+C)"), new SourceLocation(ProjectPath, 0, 0)), ProjectPath);
        }
        catch (Exception error)
        {
            // Never an MSB4018 stack trace: an unexpected failure is a coded BLOCK like any other.
            FindingLogger.Log(Log, new Finding(DiagnosticCatalog.InternalError, Tier.Block,
                DiagnosticCatalog.InternalError.FormatMessage(error.Message), new SourceLocation(ProjectPath, 0, 0)), ProjectPath);
            Log.LogMessage(MessageImportance.Low, "{0}", error.ToString());
        }

        if (Log.HasLoggedErrors)
        {
            Verdict = string.IsNullOrEmpty(Verdict) ? "BLOCK" : Verdict;
        }

        return !Log.HasLoggedErrors;
    }

    private GateSettings? ReadSettings()
    {
        var iterations = ParseCount(nameof(IterationCount), IterationCount, minimum: 1);
        var warmups = ParseCount(nameof(WarmupCount), WarmupCount, minimum: 0);
        var iterationTime = ParseCount(nameof(IterationTimeMs), IterationTimeMs, minimum: 1);
        var launches = ParseCount(nameof(LaunchCount), LaunchCount, minimum: 1);
        var benchmarkTimeout = ParseMinutes(nameof(BenchmarkTimeout), BenchmarkTimeout);
        var lockTimeout = ParseMinutes(nameof(LockTimeout), LockTimeout);
        var recordProcesses = ParseCount(nameof(RecordProcesses), RecordProcesses, minimum: 1);
        if (recordProcesses > 20)
        {
            LogInvalid("PerfGateRecordProcesses", "a whole number from 1 to 20", RecordProcesses!);
        }

        var compareWith = string.IsNullOrWhiteSpace(CompareWith) ? null : CompareWith.Trim();
        if (compareWith is not null && (compareWith.StartsWith('-') || compareWith.Any(char.IsControl)))
        {
            // git would read a leading '-' as an option.
            LogInvalid("PerfGateCompareWith", "a git branch, tag or commit (for example origin/main)", CompareWith!);
        }

        var schedule = PerfGate.Running.AbSchedule.Parse(AbSchedule, PerfGate.Running.AbSchedule.AllowedCpus(), out var scheduleProblem);
        if (schedule is null)
        {
            LogInvalid(PerfGate.Running.AbSchedule.PropertyName, scheduleProblem!, AbSchedule!);
        }

        var reports = ReportFormatList.Parse(Reports);
        if (reports is null)
        {
            LogInvalid("PerfGateReports", $"a list of {ReportFormatList.Names}, separated by ';'", Reports!);
        }

        PerfGate.History.HistoryRetention? retention = null;
        if (!string.IsNullOrWhiteSpace(HistoryRetention))
        {
            retention = PerfGate.History.HistoryRetention.Parse(HistoryRetention, out var retentionProblem);
            if (retention is null)
            {
                LogInvalid("PerfGateHistoryRetention", retentionProblem!, HistoryRetention);
            }
        }

        BenchmarkShard? shard = null;
        if (!string.IsNullOrWhiteSpace(Shard))
        {
            shard = BenchmarkShard.Parse(Shard, out var shardProblem);
            if (shard is null)
            {
                LogInvalid("PerfGateShard", shardProblem!, Shard);
            }
        }

        var job = Job.Trim().ToLowerInvariant();
        if (job is not ("perfgate" or "default" or "short"))
        {
            LogInvalid("PerfGateJob", "'perfgate', 'default' or 'short'", Job);
        }

        if (Log.HasLoggedErrors)
        {
            return null;
        }

        var configPath = string.IsNullOrWhiteSpace(ConfigPath) ? null : Path.GetFullPath(ConfigPath);
        if (configPath is not null && !ConfigPathIsExplicit && !File.Exists(configPath))
        {
            configPath = null;
        }

        // ';' and ',' split properties on MSBuild's command line, so spaces and '|' separate globs too.
        var filters = (Filter ?? string.Empty).Split([';', ',', '|', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var forwarded = BuildEngine is IBuildEngine6 engine ? ForwardedProperties.Select(engine.GetGlobalProperties()) : [];
        var run = new BenchmarkRunSettings(DotnetHost, Path.GetFullPath(AssemblyPath), Path.Combine(Path.GetFullPath(WorkDirectory), "artifacts"),
            filters, job, iterations, warmups, iterationTime, forwarded, benchmarkTimeout ?? DefaultBenchmarkTimeout(iterations, warmups, iterationTime), launches, shard);
        // The committed-baseline mode builds a base too: the baseline's own commit, to check a slowdown against (with the
        // package's targets, which pass the entry point and the base build's targets).
        var checksBaselineCommit = CheckBaselineCommit && !string.IsNullOrWhiteSpace(BenchmarkEntryFile) && !string.IsNullOrWhiteSpace(BaseBuildTargetsFile);
        var baseBuild = compareWith is null && !checksBaselineCommit ? null : new BaseBuildSettings(DotnetHost, string.IsNullOrWhiteSpace(Configuration) ? "Debug" : Configuration,
            string.IsNullOrWhiteSpace(TargetFramework) ? null : TargetFramework, forwarded, Path.GetFullPath(BenchmarkEntryFile ?? string.Empty),
            Path.GetFullPath(BaseBuildTargetsFile ?? string.Empty), run.BenchmarkTimeout);
        return new GateSettings(Path.GetFullPath(ProjectPath), Path.GetFullPath(WorkDirectory), Path.GetFullPath(BaselinePath), configPath,
            UpdateBaseline, string.IsNullOrWhiteSpace(UpdateReason) ? null : UpdateReason.Trim(), FailOnRegression, ConfirmRegressions, run,
            InputFiles.Select(i => i.GetMetadata("FullPath")).Where(p => p.Length > 0).ToArray(), Force,
            string.IsNullOrWhiteSpace(StartupDirectory) ? null : StartupDirectory,
            string.IsNullOrWhiteSpace(RunLockFile) ? null : Path.GetFullPath(RunLockFile), lockTimeout,
            recordProcesses ?? GateSettings.DefaultRecordProcesses, compareWith, CompareMergeBase, baseBuild,
            reports ?? ReportFormats.All, string.IsNullOrWhiteSpace(ReportDirectory) ? null : Path.GetFullPath(ReportDirectory), CiSummary,
            !History ? null : Path.GetFullPath(string.IsNullOrWhiteSpace(HistoryFile) ? Path.Combine(WorkDirectory, PerfGate.History.HistoryFile.DefaultFileName) : HistoryFile),
            retention, schedule, CheckBaselineCommit, CheckEveryBenchmark);
    }

    /// <summary>
    /// Ten minutes per benchmark, far above what BenchmarkDotNet's default job needs for a benchmark of up to a second per
    /// operation; more when the job's own settings (iterations times their target time) could need more.
    /// </summary>
    private static TimeSpan DefaultBenchmarkTimeout(int? iterations, int? warmups, int? iterationTimeMs)
    {
        var floor = TimeSpan.FromMinutes(10);
        if (iterationTimeMs is not int ms)
        {
            return floor;
        }

        // Pilot and overhead stages take about as many iterations again; three times that is still a plain "hung".
        var expected = TimeSpan.FromMilliseconds(3.0 * ((iterations ?? 100) + (warmups ?? 50) + 30) * ms);
        return expected > floor ? expected : floor;
    }

    private TimeSpan? ParseMinutes(string parameter, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var minutes) && minutes > 0 && minutes < 100_000)
        {
            return TimeSpan.FromMinutes(minutes);
        }

        LogInvalid($"PerfGate{parameter}", "a number of minutes greater than 0 (for example 10 or 0.5)", value);
        return null;
    }

    private int? ParseCount(string parameter, string? value, int minimum)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count >= minimum)
        {
            return count;
        }

        LogInvalid($"PerfGate{parameter}", $"a whole number of at least {minimum}", value);
        return null;
    }

    private void LogInvalid(string property, string expected, string value) =>
        FindingLogger.Log(Log, new Finding(DiagnosticCatalog.InvalidProperty, Tier.Block,
            DiagnosticCatalog.InvalidProperty.FormatMessage(property, expected, value), new SourceLocation(ProjectPath, 0, 0)), ProjectPath);
}
