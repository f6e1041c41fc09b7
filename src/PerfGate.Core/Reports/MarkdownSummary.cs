using System.Globalization;
using System.Text;
using PerfGate.Diagnostics;
using PerfGate.Formatting;
using PerfGate.Verdicts;

namespace PerfGate.Reports;

/// <summary>
/// The run as Markdown for people (perfgate-summary.md, a GitHub step summary, an Azure Pipelines summary, a pull-request
/// comment): the verdict, the benchmarks that need attention first, every finding with its accept command, faster
/// benchmarks called out, and the passing ones folded in a &lt;details&gt; block so a 200-benchmark suite stays one screen.
/// Only GitHub/Azure-flavoured Markdown tables and a details block; all user text escaped (<see cref="MarkdownText"/>).
/// </summary>
public static class MarkdownSummary
{
    /// <summary>GitHub's limit on a pull-request comment's body, in characters.</summary>
    public const int GitHubCommentLimit = 65_536;

    /// <summary>A faster benchmark is called out from this estimated speed-up (reported, never gated).</summary>
    private const double FasterRatio = 0.95;

    private static readonly string[] Columns = ["Verdict", "Benchmark", "{0}", "Current", "Change (est.)", "Confidence", "Alloc/op"];

    /// <param name="maxLength">Cut to at most this many characters (a PR comment), dropping the passing rows first; null keeps all.</param>
    public static string Format(GateResult result, RunDescription run, int? maxLength = null)
    {
        var full = Build(result, run, includePassing: true, findingLimit: int.MaxValue);
        if (maxLength is not int limit || full.Length <= limit)
        {
            return full;
        }

        var withoutPassing = Build(result, run, includePassing: false, findingLimit: int.MaxValue);
        if (withoutPassing.Length <= limit)
        {
            return withoutPassing;
        }

        // Still too long: fewer findings (the table above them keeps every benchmark that needs attention), then a hard cut.
        for (var findings = result.Findings.Count / 2; findings > 0; findings /= 2)
        {
            var shorter = Build(result, run, includePassing: false, findingLimit: findings);
            if (shorter.Length <= limit)
            {
                return shorter;
            }
        }

        const string Cut = "\n\n_The summary was cut here to fit a comment; the full one is perfgate-summary.md in the build's reports._\n";
        return full[..Math.Max(0, limit - Cut.Length)] + Cut;
    }

    private static string Build(GateResult result, RunDescription run, bool includePassing, int findingLimit)
    {
        var text = new StringBuilder();
        var verdict = result.Verdict.ToString().ToUpperInvariant();
        text.Append("## ").Append(Icon(result.Verdict)).Append(" PerfGate: ").Append(verdict).Append(" — ").AppendLine(MarkdownText.Escape(run.ProjectName));
        text.AppendLine();
        var counts = result.Outcomes.GroupBy(o => o.Status).OrderByDescending(g => g.Max(o => o.Verdict)).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} {MarkdownText.Escape(g.Key)}");
        text.Append(result.Outcomes.Count).Append(result.Outcomes.Count == 1 ? " benchmark" : " benchmarks");
        if (result.Outcomes.Count > 0)
        {
            text.Append(": ").Append(string.Join(", ", counts));
        }

        text.Append(". ").AppendLine(run.BaseDescription is string b
            ? $"A/B: compared with the base build of {MarkdownText.Escape(b)}, measured in the same build on this machine."
            : run.BaselinePath is null ? "Merged from the reports of the run's shards, each compared with its committed baseline."
            : $"Compared with the committed baseline {MarkdownText.Escape(run.Relative(run.BaselinePath))}.{CheckedSentence(result)}");

        var reference = run.BaseDescription is null ? "Baseline" : "Base";
        var attention = result.Outcomes.Where(o => o.Verdict > Tier.Pass || Severity(o.Status) > 0).OrderByDescending(o => o.Verdict).ThenBy(o => o.Key, StringComparer.Ordinal).ToArray();
        if (attention.Length > 0)
        {
            text.AppendLine().AppendLine("### Needs attention").AppendLine();
            AppendTable(text, attention, reference);
        }

        var findings = result.Findings.OrderByDescending(f => f.Tier).ThenBy(f => f.Benchmark, StringComparer.Ordinal).ToArray();
        if (findings.Length > 0)
        {
            text.AppendLine().AppendLine("### Findings").AppendLine();
            foreach (var finding in findings.Take(findingLimit))
            {
                AppendFinding(text, finding, run);
            }

            if (findings.Length > findingLimit)
            {
                text.Append("- _").Append(findings.Length - findingLimit).AppendLine(" more findings are in the build log and perfgate-summary.md._");
            }
        }

        var improved = result.Findings.Where(f => f.Rule == DiagnosticCatalog.Improvement && f.Benchmark is not null).Select(f => f.Benchmark!).ToHashSet(StringComparer.Ordinal);
        var faster = result.Outcomes.Where(o => improved.Contains(o.Key) || (o.Verdict == Tier.Pass && o.TimeRatio <= FasterRatio)).OrderBy(o => o.TimeRatio ?? 1).ToArray();
        if (faster.Length > 0)
        {
            text.AppendLine().AppendLine("### Improvements").AppendLine();
            text.AppendLine("Proven faster, or allocating less, than the reference (PG0050), or estimated 5% or more faster. Re-record the baseline to lock the gain in; with `\"ratchet\": true` in perfgate.json an improvement left unrecorded is a warning (PG1050).").AppendLine();
            AppendTable(text, faster, reference);
        }

        var passing = result.Outcomes.Except(attention).ToArray();
        if (passing.Length > 0)
        {
            text.AppendLine();
            if (includePassing)
            {
                text.Append("<details><summary>").Append(passing.Length).Append(passing.Length == 1 ? " benchmark" : " benchmarks").AppendLine(" passed</summary>").AppendLine();
                AppendTable(text, passing, reference);
                text.AppendLine().AppendLine("</details>");
            }
            else
            {
                text.Append(passing.Length).AppendLine(" passing benchmarks are left out to fit; the full list is perfgate-summary.md in the build's reports.");
            }
        }

        text.AppendLine().AppendLine("<sub>" + Footer(run) + "</sub>");
        return text.ToString();
    }

    private static void AppendTable(StringBuilder text, IReadOnlyList<BenchmarkOutcome> rows, string reference)
    {
        text.Append("| ").AppendJoin(" | ", Columns.Select(c => string.Format(CultureInfo.InvariantCulture, c, reference))).AppendLine(" |");
        text.AppendLine("|:--|:--|--:|--:|--:|:--|--:|");
        foreach (var row in rows)
        {
            var allocation = row.BaselineAllocatedBytes is null && row.CurrentAllocatedBytes is null
                ? "-"
                : $"{Bytes(row.BaselineAllocatedBytes)} → {Bytes(row.CurrentAllocatedBytes)}";
            string[] cells =
            [
                $"{Icon(row.Verdict)} {MarkdownText.Escape(row.Status)}",
                MarkdownText.Escape(row.Key),
                row.BaselineMedianNs is double b ? UnitFormat.Time(b) : "-",
                row.CurrentMedianNs is double c ? UnitFormat.Time(c) : "-",
                row.TimeRatio is double r ? MarkdownText.Escape(UnitFormat.Change(r)) : "-",
                row.TimeConfidence is string confidence ? MarkdownText.Escape(confidence) : "-",
                MarkdownText.Escape(allocation),
            ];
            text.Append("| ").AppendJoin(" | ", cells).AppendLine(" |");
        }
    }

    private static void AppendFinding(StringBuilder text, Finding finding, RunDescription run)
    {
        var command = finding.AcceptCommand;
        var message = finding.WithoutAcceptSentence().Message;

        // A finding at PASS is information (an improvement to lock in), not a verdict.
        var (icon, level) = finding.Tier == Tier.Pass ? ("ℹ️", "INFO") : (Icon(finding.Tier), finding.Tier.ToString().ToUpperInvariant());
        text.Append("- ").Append(icon).Append(" **").Append(finding.Code).Append("** ").Append(level);
        if (finding.Location is { } location && !string.IsNullOrEmpty(location.File))
        {
            text.Append(" at ").Append(MarkdownText.Escape(run.Relative(location.File)));
            if (location.Line > 0)
            {
                text.Append(" line ").Append(location.Line);
            }
        }

        text.Append(": ").AppendLine(MarkdownText.Escape(message));
        if (command is not null)
        {
            text.Append(finding.Tier == Tier.Pass ? "  - Lock it in with: " : "  - If intended, accept it with: ").AppendLine(MarkdownText.Code(command));
        }
    }

    private static string Footer(RunDescription run)
    {
        var parts = new List<string> { $"PerfGate {RunDescription.ToolVersion}", MarkdownText.Escape(run.Relative(run.ProjectPath)) };
        if (run.Environment is { } environment)
        {
            parts.Add(MarkdownText.Escape($"{environment.Processor} ({environment.LogicalCores} logical cores), {environment.Os}"));
            parts.Add(MarkdownText.Escape($"{environment.Runtime}, BenchmarkDotNet {environment.BenchmarkDotNetVersion}"));
        }

        parts.Add("job " + MarkdownText.Escape(run.Job));
        if (run.Commit is { } commit)
        {
            parts.Add("commit " + commit.ShortSha + (commit.Branch is string branch ? $" ({MarkdownText.Escape(branch)})" : string.Empty));
        }

        parts.Add(UnitFormat.Elapsed(run.Elapsed));
        parts.Add(run.Finished.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture));
        return string.Join(" · ", parts);
    }

    private static string Bytes(long? bytes) => bytes is null ? "?" : UnitFormat.Bytes(bytes);

    private static string Icon(Tier tier) => tier switch
    {
        Tier.Block => "⛔",
        Tier.Fail => "❌",
        Tier.Warn => "⚠️",
        _ => "✅",
    };

    /// <summary>Statuses other than PASS that need a look although their verdict may be PASS (new, missing, failed...).</summary>
    private static int Severity(string status) => status switch
    {
        "PASS" or "recorded" or "ignored" or "improved" => 0,
        _ => 1,
    };

    /// <summary>Says which rows the check against the baseline's commit judged, so "+40% PASS" is not read as a miss.</summary>
    private static string CheckedSentence(GateResult result)
    {
        var checkedRows = result.Outcomes.Where(o => o.CheckedBeside is not null).ToArray();
        return checkedRows.Length == 0 ? string.Empty
            : $" {checkedRows.Length} benchmark(s) were measured again beside {MarkdownText.Escape(checkedRows[0].CheckedBeside!)}, the commit that recorded it, and that A/B comparison decided their verdict.";
    }
}
