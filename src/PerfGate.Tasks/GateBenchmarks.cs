using System.Globalization;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using PerfGate.Diagnostics;
using PerfGate.Gating;
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

    public string Job { get; set; } = "default";

    public string? IterationCount { get; set; }

    public string? WarmupCount { get; set; }

    public string? IterationTimeMs { get; set; }

    /// <summary>PASS, WARN, FAIL or BLOCK.</summary>
    [Output]
    public string Verdict { get; private set; } = string.Empty;

    /// <summary>The machine-readable report, report.json.</summary>
    [Output]
    public ITaskItem? ReportFile { get; private set; }

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
            }
        }
        catch (OperationCanceledException)
        {
            Log.LogMessage(MessageImportance.High, "PerfGate: cancelled; the benchmark processes were stopped.");
            return false;
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
        var job = Job.Trim().ToLowerInvariant();
        if (job is not ("default" or "short"))
        {
            LogInvalid("PerfGateJob", "'default' or 'short'", Job);
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

        var filters = (Filter ?? string.Empty).Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var run = new BenchmarkRunSettings(DotnetHost, Path.GetFullPath(AssemblyPath), Path.Combine(Path.GetFullPath(WorkDirectory), "artifacts"),
            filters, job, iterations, warmups, iterationTime);
        return new GateSettings(Path.GetFullPath(ProjectPath), Path.GetFullPath(WorkDirectory), Path.GetFullPath(BaselinePath), configPath,
            UpdateBaseline, string.IsNullOrWhiteSpace(UpdateReason) ? null : UpdateReason.Trim(), FailOnRegression, ConfirmRegressions, run);
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
