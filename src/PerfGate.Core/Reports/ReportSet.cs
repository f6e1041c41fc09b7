using System.Text;
using System.Text.Json;
using PerfGate.Diagnostics;
using PerfGate.Verdicts;

namespace PerfGate.Reports;

/// <summary>
/// Writes the report files people and CI systems read, all from one <see cref="GateResult"/> (no figure is computed twice),
/// into one folder (PerfGateReportDirectory; default PerfGate's obj folder). Each file is written to a temporary name and
/// then moved into place, so a reader (a CI step, a browser) never sees half a file; a format that is switched off has its
/// old file removed, so the folder never mixes two runs.
/// </summary>
public static class ReportSet
{
    public const string SummaryFile = "perfgate-summary.md";
    public const string CommentFile = "perfgate-comment.md";
    public const string HtmlFile = "perfgate-report.html";
    public const string JUnitFile = "perfgate-junit.xml";
    public const string SarifFile = "perfgate.sarif";
    public const string CsvFile = "perfgate-results.csv";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Writes the selected formats; returns the files written and a finding (PG1020) for each that could not be.</summary>
    public static async Task<(IReadOnlyList<string> Written, IReadOnlyList<Finding> Problems)> WriteAsync(
        string directory, ReportFormats formats, GateResult result, RunDescription run, CancellationToken cancellation)
    {
        var files = new List<(ReportFormats Format, string Name, Func<string> Content)>
        {
            (ReportFormats.Markdown, SummaryFile, () => MarkdownSummary.Format(result, run)),
            (ReportFormats.Markdown, CommentFile, () => MarkdownSummary.Format(result, run, MarkdownSummary.GitHubCommentLimit)),
            (ReportFormats.Html, HtmlFile, () => HtmlReport.Create(result, run)),
            (ReportFormats.JUnit, JUnitFile, () => JUnitReport.Format(result, run)),
            (ReportFormats.Sarif, SarifFile, () => SarifReport.Create(result.Findings, run).ToJsonString(Indented)),
            (ReportFormats.Csv, CsvFile, () => CsvReport.Create(result)),
        };

        var written = new List<string>();
        var problems = new List<Finding>();
        foreach (var (format, name, content) in files)
        {
            var path = Path.Combine(directory, name);
            try
            {
                if (!formats.HasFlag(format))
                {
                    if (File.Exists(path))
                    {
                        File.Delete(path);
                    }

                    continue;
                }

                Directory.CreateDirectory(directory);
                var temporary = Path.Combine(directory, $".{name}.{Environment.ProcessId}.tmp");
                await File.WriteAllTextAsync(temporary, content(), new UTF8Encoding(false), cancellation).ConfigureAwait(false);
                File.Move(temporary, path, overwrite: true);
                written.Add(path);
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                problems.Add(new Finding(DiagnosticCatalog.ReportNotWritten, Tier.Warn,
                    DiagnosticCatalog.ReportNotWritten.FormatMessage(name, directory, error.Message), null));
            }
        }

        return (written, problems);
    }
}
