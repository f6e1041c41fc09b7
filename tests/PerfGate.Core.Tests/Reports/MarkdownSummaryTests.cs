using System.Text.RegularExpressions;
using Markdig;
using PerfGate.Reports;

namespace PerfGate.Core.Tests.Reports;

[TestClass]
public sealed class MarkdownSummaryTests
{
    [TestMethod]
    public void Regressions_come_first_with_their_findings_and_accept_commands_and_passing_rows_are_folded()
    {
        var markdown = MarkdownSummary.Format(ReportData.Mixed(), ReportData.Description());

        StringAssert.StartsWith(markdown, "## ❌ PerfGate: FAIL — Bench");
        var attention = markdown.IndexOf("### Needs attention", StringComparison.Ordinal);
        var details = markdown.IndexOf("<details><summary>", StringComparison.Ordinal);
        Assert.IsTrue(attention > 0 && details > attention, markdown);
        var sumRow = markdown.IndexOf("| ❌ FAIL | Sample.Work.Sum | 100 ns | 300 ns | +200.0% | proven (p&lt;0.01) |", StringComparison.Ordinal);
        Assert.IsTrue(sumRow > attention && sumRow < details, markdown);
        StringAssert.Contains(markdown, "- ❌ **PG2001** FAIL at bench/Sum.cs line 10: Sample.Work.Sum: time regressed, median 100 ns -> 300 ns");
        StringAssert.Contains(markdown, "  - If intended, accept it with: `dotnet build");
        Assert.IsFalse(markdown.Contains("If this is intended", StringComparison.Ordinal), "the command is shown once, on its own line");
        StringAssert.Contains(markdown, "### Improvements");
        StringAssert.Contains(markdown, "Compared with the committed baseline bench/perfgate.baseline.json.");
        StringAssert.Contains(markdown, "commit aaaaaaaaaa (main)");
    }

    [TestMethod]
    public void A_hostile_name_is_text_on_one_table_row()
    {
        var markdown = MarkdownSummary.Format(ReportData.Mixed(), ReportData.Description());

        Assert.IsFalse(markdown.Contains("<script", StringComparison.OrdinalIgnoreCase), markdown);
        var row = markdown.Split('\n').Single(line => line.Contains("Parse(", StringComparison.Ordinal) && line.StartsWith('|'));
        StringAssert.Contains(row, "Parse(Text: &lt;script>alert('x')&lt;/script> \"q\" a\\|b, c\\\\nd\\\\u001B)");
        // Seven cells: the pipe in the name is escaped, so the row does not grow a column.
        Assert.AreEqual(8, row.Replace("\\|", string.Empty, StringComparison.Ordinal).Count(c => c == '|'), row);
    }

    [TestMethod]
    public void A_200_benchmark_suite_that_passes_is_one_screen_before_the_folded_rows()
    {
        var markdown = MarkdownSummary.Format(ReportData.Large(200), ReportData.Description());

        var visible = markdown[..markdown.IndexOf("<details>", StringComparison.Ordinal)];
        Assert.IsTrue(visible.Split('\n').Length < 10, visible);
        StringAssert.Contains(markdown, "<details><summary>200 benchmarks passed</summary>");
        StringAssert.StartsWith(markdown, "## ✅ PerfGate: PASS");
    }

    [TestMethod]
    public void The_comment_version_fits_GitHubs_limit_and_says_what_it_left_out()
    {
        var result = ReportData.Large(2000, nameLength: 60);

        var full = MarkdownSummary.Format(result, ReportData.Description());
        var comment = MarkdownSummary.Format(result, ReportData.Description(), MarkdownSummary.GitHubCommentLimit);

        Assert.IsTrue(full.Length > MarkdownSummary.GitHubCommentLimit, $"{full.Length}");
        Assert.IsTrue(comment.Length <= MarkdownSummary.GitHubCommentLimit, $"{comment.Length}");
        StringAssert.Contains(comment, "2000 passing benchmarks are left out to fit");
    }

    [TestMethod]
    public void A_CommonMark_renderer_draws_every_table_row_with_seven_cells_and_the_hostile_name_as_text()
    {
        var markdown = MarkdownSummary.Format(ReportData.Mixed(), ReportData.Description());

        // Markdig with pipe tables, as GitHub and Azure DevOps render them (raw HTML such as <details> passes through).
        var html = Markdown.ToHtml(markdown, new MarkdownPipelineBuilder().UsePipeTables().Build());

        var rows = Regex.Matches(html, "<tr>(.*?)</tr>", RegexOptions.Singleline).Select(m => m.Groups[1].Value).ToArray();
        Assert.AreEqual(7, rows.Length, html); // attention: header + Sum; faster: header + Fast; passed: header + Fast + Parse
        Assert.IsTrue(rows.All(row => Regex.Matches(row, "<t[hd][ >]").Count == 7), html);
        Assert.IsTrue(rows.Any(row => row.Contains(">Sample.Work.Sum</td>", StringComparison.Ordinal)), html);
        Assert.IsFalse(html.Contains("<script", StringComparison.OrdinalIgnoreCase), html);
        StringAssert.Contains(html, "Parse(Text: &lt;script&gt;alert('x')&lt;/script&gt; &quot;q&quot; a|b, c\\nd\\u001B)");
        StringAssert.Contains(html, "<details><summary>2 benchmarks passed</summary>");
        StringAssert.Contains(html, "<code>dotnet build /repo/bench/Bench.csproj -p:PerfGate=true");
    }

    [TestMethod]
    public void The_accept_command_comes_out_of_a_message_that_goes_on_after_it()
    {
        // In A/B mode the message continues after the command with what it was compared with.
        var result = TestData.Evaluate(TestData.AbRequest(TestData.Run(TestData.Result("Sum", 300)), TestData.Run(TestData.Result("Sum", 100))));

        var markdown = MarkdownSummary.Format(result, ReportData.Description("origin/main"));

        var finding = markdown.Split('\n').Single(line => line.StartsWith("- ❌ **PG2001**", StringComparison.Ordinal));
        StringAssert.EndsWith(finding, "15 vs 15 iterations. (A/B: compared with the base build of origin/main (merge base 1a2b3c4d5e), measured alternately with this build on this machine.)");
        StringAssert.Contains(markdown, "  - If intended, accept it with: `dotnet build /repo/bench/Bench.csproj -p:PerfGate=true -p:PerfGateUpdateBaseline=true -p:PerfGateFilter=Sample.Work.Sum '-p:PerfGateUpdateReason=why this change is intended'`");
    }

    [TestMethod]
    public void An_improvements_lock_in_command_is_shown_once()
    {
        var result = ReportData.Mixed();
        var markdown = MarkdownSummary.Format(result, ReportData.Description());

        var command = result.Findings.First(f => f.AcceptCommand is not null && f.Tier == PerfGate.Diagnostics.Tier.Pass).AcceptCommand!;
        StringAssert.Contains(markdown, "  - Lock it in with: `" + command + "`");
        Assert.AreEqual(1, markdown.Split(command).Length - 1, "the command once, not in the message too");
    }

    [TestMethod]
    public void A_code_span_survives_backticks_in_the_command()
    {
        Assert.AreEqual("``a ` b``", MarkdownText.Code("a ` b"));
        Assert.AreEqual("`` `x` ``", MarkdownText.Code("`x`"));
    }
}
