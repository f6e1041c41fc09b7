using PerfGate.Reports;
using PerfGate.Running;

namespace PerfGate.Gating;

/// <summary>Everything one gated run of one project needs; the MSBuild task fills it from properties.</summary>
/// <param name="ProjectPath">The benchmark project file, quoted in accept commands and used as the fallback location.</param>
/// <param name="WorkDirectory">PerfGate's own folder in the project's intermediate output (obj/.../perfgate).</param>
/// <param name="BaselinePath">The baseline file, read and (with <paramref name="UpdateBaseline"/>) written.</param>
/// <param name="ConfigPath">The config file; null when the project has none (the built-in budgets apply).</param>
/// <param name="UpdateReason">Recorded in the re-recorded entries, so a reviewer sees why a change was accepted.</param>
/// <param name="ConfirmRegressions">Re-runs benchmarks whose time failed, in new processes, before failing the build.</param>
/// <param name="InputFiles">Every file the benchmark program loads (see <see cref="GateFingerprint"/>).</param>
/// <param name="Force">Run even when nothing changed since the last gated run.</param>
/// <param name="StartupDirectory">The folder the build was started in; printed commands are relative to it.</param>
/// <param name="MachineLockPath">The machine-wide lock that keeps benchmark runs from overlapping.</param>
/// <param name="LockTimeout">How long to wait for either lock before giving up with a diagnostic.</param>
/// <param name="RecordProcesses">How many processes a recording measures each benchmark in (PerfGateRecordProcesses).</param>
/// <param name="CompareWith">A/B mode (PerfGateCompareWith): the git ref or commit whose build time is compared with,
/// measured on this machine beside this build; null compares with the committed baseline.</param>
/// <param name="CompareMergeBase">A/B mode: compare with the merge base of HEAD and <paramref name="CompareWith"/> (the default),
/// not the ref itself.</param>
/// <param name="BaseBuild">A/B mode: how to build the base.</param>
/// <param name="Reports">The report files to write (PerfGateReports).</param>
/// <param name="ReportDirectory">Where they go (PerfGateReportDirectory); null for <paramref name="WorkDirectory"/>.</param>
/// <param name="CiSummary">Publish the Markdown summary to the CI run's page (GitHub step summary, Azure Pipelines summary).</param>
/// <param name="HistoryFile">The run history every run appends to (PerfGateHistoryFile; default history.jsonl in
/// <paramref name="WorkDirectory"/>); null when PerfGateHistory=false.</param>
/// <param name="HistoryRetention">How much history to keep (PerfGateHistoryRetention); null keeps everything.</param>
/// <param name="AbSchedule">A/B mode: whether the two builds' launches take turns or share one CPU (PerfGateAbSchedule);
/// null takes turns.</param>
/// <param name="CheckBaselineCommit">Committed-baseline mode: a slowdown the first run measured against the baseline is
/// measured again beside the commit that last changed the baseline file, built from git, and that A/B comparison decides
/// (PerfGateCheckBaselineCommit); without git, or with the baseline not committed, the FAILs are confirmed against the
/// baseline as before.</param>
/// <param name="CheckEveryBenchmark">Once that check runs, it measures every other benchmark compared with the baseline
/// beside that commit too (PerfGateCheckEveryBenchmark), not only the flagged ones.</param>
public sealed record GateSettings(
    string ProjectPath,
    string WorkDirectory,
    string BaselinePath,
    string? ConfigPath,
    bool UpdateBaseline,
    string? UpdateReason,
    bool FailOnRegression,
    bool ConfirmRegressions,
    BenchmarkRunSettings Run,
    IReadOnlyList<string> InputFiles,
    bool Force = false,
    string? StartupDirectory = null,
    string? MachineLockPath = null,
    TimeSpan? LockTimeout = null,
    int RecordProcesses = 1,
    string? CompareWith = null,
    bool CompareMergeBase = true,
    BaseBuilds.BaseBuildSettings? BaseBuild = null,
    ReportFormats Reports = ReportFormats.All,
    string? ReportDirectory = null,
    bool CiSummary = true,
    string? HistoryFile = null,
    History.HistoryRetention? HistoryRetention = null,
    AbSchedule? AbSchedule = null,
    bool CheckBaselineCommit = true,
    bool CheckEveryBenchmark = true)
{
    public static readonly TimeSpan DefaultLockTimeout = TimeSpan.FromMinutes(60);

    public string ProjectName => Path.GetFileNameWithoutExtension(ProjectPath);

    public string ReportPath => Path.Combine(WorkDirectory, "report.json");

    /// <summary>Where the report files people read go.</summary>
    public string ReportFolder => ReportDirectory ?? WorkDirectory;

    public string LogPath => Path.Combine(WorkDirectory, "benchmarks.log");

    public string StampPath => Path.Combine(WorkDirectory, "gate.stamp");

    public string ProjectLockPath => Path.Combine(WorkDirectory, "gate.lock");

    /// <summary>A/B mode: the CPU both builds' launches share, or null when they take turns.</summary>
    public int? SharedCpu => CompareWith is null ? null : AbSchedule?.SharedCpu;

    /// <summary>Where the check against the baseline's commit keeps its logs and results, apart from the first run's.</summary>
    public string BaselineCommitCheckDirectory => Path.Combine(WorkDirectory, BaselineCommitCheckFolder);

    public const string BaselineCommitCheckFolder = "baseline-commit-check";

    public string ConfirmationLogPath(int round) => Path.Combine(WorkDirectory, $"benchmarks-confirmation-{round}.log");

    /// <summary>How many processes a recording uses when PerfGateRecordProcesses is not set.</summary>
    public const int DefaultRecordProcesses = 3;
}
