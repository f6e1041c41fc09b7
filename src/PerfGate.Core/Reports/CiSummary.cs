using System.Text;
using PerfGate.Gating;

namespace PerfGate.Reports;

/// <summary>
/// Puts the Markdown summary on the CI run's page with no token and no extra step: GitHub Actions shows what is appended
/// to the file <c>GITHUB_STEP_SUMMARY</c> names; Azure Pipelines (<c>TF_BUILD</c>) attaches a Markdown file named by the
/// <c>##vso[task.uploadsummary]</c> logging command printed to the build's output.
/// </summary>
public static class CiSummary
{
    /// <summary>Publishes <paramref name="summaryPath"/> where the CI system reads it; nothing outside CI. Returns where it went.</summary>
    public static async Task<IReadOnlyList<string>> PublishAsync(string summaryPath, IGateLog log, Func<string, string?> environment, CancellationToken cancellation)
    {
        var published = new List<string>();
        if (environment("GITHUB_STEP_SUMMARY") is { Length: > 0 } stepSummary)
        {
            try
            {
                var markdown = await File.ReadAllTextAsync(summaryPath, cancellation).ConfigureAwait(false);
                await File.AppendAllTextAsync(stepSummary, markdown + "\n", new UTF8Encoding(false), cancellation).ConfigureAwait(false);
                published.Add("the GitHub Actions step summary");
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                log.Summary($"PerfGate: could not append the summary to GITHUB_STEP_SUMMARY ({stepSummary}): {error.Message}");
            }
        }

        if (string.Equals(environment("TF_BUILD"), "true", StringComparison.OrdinalIgnoreCase))
        {
            log.Summary($"##vso[task.uploadsummary]{EscapeAzureData(Path.GetFullPath(summaryPath))}");
            published.Add("the Azure Pipelines summary");
        }

        return published;
    }

    /// <summary>The escapes Azure Pipelines' logging commands define for a command's data.</summary>
    internal static string EscapeAzureData(string value) =>
        value.Replace("%", "%AZP25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);
}
