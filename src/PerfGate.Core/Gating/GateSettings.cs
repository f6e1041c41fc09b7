using PerfGate.Running;

namespace PerfGate.Gating;

/// <summary>Everything one gated run of one project needs; the MSBuild task fills it from properties.</summary>
/// <param name="ProjectPath">The benchmark project file, quoted in accept commands and used as the fallback location.</param>
/// <param name="WorkDirectory">PerfGate's own folder in the project's intermediate output (obj/.../perfgate).</param>
/// <param name="BaselinePath">The baseline file, read and (with <paramref name="UpdateBaseline"/>) written.</param>
/// <param name="ConfigPath">The config file; null when the project has none (the built-in budgets apply).</param>
/// <param name="UpdateReason">Recorded in the re-recorded entries, so a reviewer sees why a change was accepted.</param>
/// <param name="ConfirmRegressions">Re-runs benchmarks whose time failed, in new processes, before failing the build.</param>
public sealed record GateSettings(
    string ProjectPath,
    string WorkDirectory,
    string BaselinePath,
    string? ConfigPath,
    bool UpdateBaseline,
    string? UpdateReason,
    bool FailOnRegression,
    bool ConfirmRegressions,
    BenchmarkRunSettings Run)
{
    public string ProjectName => Path.GetFileNameWithoutExtension(ProjectPath);

    public string ReportPath => Path.Combine(WorkDirectory, "report.json");

    public string LogPath => Path.Combine(WorkDirectory, "benchmarks.log");

    public string ConfirmationLogPath(int round) => Path.Combine(WorkDirectory, $"benchmarks-confirmation-{round}.log");
}
