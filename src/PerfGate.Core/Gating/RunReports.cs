using PerfGate.Diagnostics;
using PerfGate.Reports;
using PerfGate.Verdicts;

namespace PerfGate.Gating;

/// <summary>
/// The reports of one gated run: describes the run, writes the selected report files, and publishes the Markdown summary
/// to the CI run's page (unless PerfGateCiSummary=false). A report that cannot be written is a warning (PG1020), never a
/// changed verdict.
/// </summary>
public static class RunReports
{
    public static async Task<(IReadOnlyList<string> Files, IReadOnlyList<Finding> Problems)> WriteAsync(
        GateSettings settings, GateResult result, string? baseDescription, TimeSpan elapsed, IGateLog log, CancellationToken cancellation)
    {
        var projectFolder = Path.GetDirectoryName(settings.ProjectPath)!;
        var commit = GitCommit.Of(projectFolder);
        var run = new RunDescription(settings.ProjectPath, commit?.Root ?? projectFolder, settings.Run.Job, commit, baseDescription, settings.BaselinePath,
            result.Environment, elapsed, DateTimeOffset.UtcNow);
        var (files, problems) = await ReportSet.WriteAsync(settings.ReportFolder, settings.Reports, result, run, cancellation).ConfigureAwait(false);
        foreach (var file in files)
        {
            log.Detail($"PerfGate: wrote {file}");
        }

        await PublishAsync(settings, log, cancellation).ConfigureAwait(false);
        return (files, problems);
    }

    /// <summary>The report files a replayed (up-to-date) run keeps from the run it repeats; the summary is published again.</summary>
    public static async Task<IReadOnlyList<string>> ReplayAsync(GateSettings settings, IGateLog log, CancellationToken cancellation)
    {
        await PublishAsync(settings, log, cancellation).ConfigureAwait(false);
        return new[] { ReportSet.SummaryFile, ReportSet.CommentFile, ReportSet.HtmlFile, ReportSet.JUnitFile, ReportSet.SarifFile, ReportSet.CsvFile }
            .Select(name => Path.Combine(settings.ReportFolder, name)).Where(File.Exists).ToArray();
    }

    private static async Task PublishAsync(GateSettings settings, IGateLog log, CancellationToken cancellation)
    {
        var summary = Path.Combine(settings.ReportFolder, ReportSet.SummaryFile);
        if (settings.CiSummary && settings.Reports.HasFlag(ReportFormats.Markdown) && File.Exists(summary))
        {
            var published = await CiSummary.PublishAsync(summary, log, Environment.GetEnvironmentVariable, cancellation).ConfigureAwait(false);
            if (published.Count > 0)
            {
                log.Progress($"PerfGate: summary published to {string.Join(" and ", published)}");
            }
        }
    }
}
