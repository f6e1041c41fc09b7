using PerfGate.Reports;
using PerfGate.Verdicts;
using static PerfGate.Core.Tests.TestData;

namespace PerfGate.Core.Tests.Reports;

[TestClass]
public sealed class HtmlReportTests
{
    [TestMethod]
    public async Task A_hostile_name_stays_text_and_the_page_has_only_its_own_script()
    {
        var html = HtmlReport.Create(ReportData.Mixed(), ReportData.Description());

        // Python's HTML parser, as a browser tokenizes: exactly one script element, and the hostile name is character data.
        var path = Path.Combine(TempFolders.New("perfgate-html-"), "report.html");
        await File.WriteAllTextAsync(path, html);
        var read = await Python.RunAsync("""
            import sys
            from html.parser import HTMLParser
            class Scan(HTMLParser):
                scripts = 0; text = []; svgs = 0
                def handle_starttag(self, tag, attrs):
                    if tag == 'script': Scan.scripts += 1
                    if tag == 'svg': Scan.svgs += 1
                    for name, value in attrs:
                        if name.startswith('on'): raise SystemExit('event handler attribute ' + name)
                def handle_data(self, data): Scan.text.append(data)
            Scan().feed(open(sys.argv[1], encoding='utf-8').read())
            print(Scan.scripts, Scan.svgs, any("<script>alert('x')</script>" in t for t in Scan.text))
            """, path);

        Assert.AreEqual("1 3 True", read);
        // Self-contained: nothing is loaded from anywhere (links to the diagnostics docs are only followed when clicked).
        Assert.IsFalse(html.Contains("src=", StringComparison.Ordinal) || html.Contains("<link", StringComparison.Ordinal) || html.Contains("@import", StringComparison.Ordinal), "no external resources");
    }

    [TestMethod]
    public async Task Chromium_renders_it_offline_with_its_script_running_a_chart_per_benchmark_and_no_console_error()
    {
        var path = Path.Combine(TempFolders.New("perfgate-html-"), "perfgate-report.html");
        await File.WriteAllTextAsync(path, HtmlReport.Create(ReportData.Mixed(), ReportData.Description()));

        var page = await Chromium.OpenAsync(path);

        // The filter script ran: it wrote the count of rows shown.
        StringAssert.Contains(page.Dom, "<span id=\"shown\">3 of 3 shown</span>");
        Assert.AreEqual(3, page.Dom.Split("<svg ").Length - 1, "a chart per benchmark");
        Assert.AreEqual(6, page.Dom.Split("class=\"median ").Length - 1, "each chart marks both runs' medians");
        Assert.AreEqual(1, page.Dom.Split("<script").Length - 1, "only the page's own script");
        StringAssert.Contains(page.Dom, "Parse(Text: &lt;script&gt;alert('x')&lt;/script&gt; \"q\" a|b, c\\nd\\u001B)");
        Assert.IsFalse(page.Log.Contains("CONSOLE", StringComparison.Ordinal), page.Log);
        Assert.IsTrue(new FileInfo(page.Screenshot).Length > 10_000, "a screenshot of the rendered page");
    }

    [TestMethod]
    public void A_regressions_accept_command_is_code_on_a_line_of_its_own_not_run_into_the_message()
    {
        var result = ReportData.Mixed();
        var html = HtmlReport.Create(result, ReportData.Description());

        var command = result.Findings.First(f => f.AcceptCommand is not null && f.Tier > PerfGate.Diagnostics.Tier.Pass).AcceptCommand!;
        StringAssert.Contains(html, "<br>If intended, accept it with: <code>" + System.Net.WebUtility.HtmlEncode(command) + "</code>");
        Assert.IsFalse(html.Contains("If this is intended, accept it with:", StringComparison.Ordinal), "the sentence is not repeated in the message");
    }

    [TestMethod]
    public void An_improvements_lock_in_command_is_shown_once_on_a_line_of_its_own()
    {
        var result = ReportData.Mixed();
        var html = HtmlReport.Create(result, ReportData.Description());

        var command = System.Net.WebUtility.HtmlEncode(result.Findings.First(f => f.AcceptCommand is not null && f.Tier == PerfGate.Diagnostics.Tier.Pass).AcceptCommand!);
        StringAssert.Contains(html, "would pass.<br>Lock it in with: <code>" + command + "</code>");
        Assert.AreEqual(1, html.Split(command).Length - 1, "the command once, not in the message too");
    }

    [TestMethod]
    public void In_AB_mode_each_confirmation_round_draws_the_base_it_was_compared_with_beside_this_build()
    {
        // A FAIL confirmed twice: each round measured both builds again, the base at 102 and 98 ns, this build at 290 and 310.
        var rounds = new[] { new MeasurementRound(Run(Result("Sum", 290)), Run(Result("Sum", 102))), new MeasurementRound(Run(Result("Sum", 310)), Run(Result("Sum", 98))) };
        var result = Evaluate(AbRequest(Run(Result("Sum", 300)), Run(Result("Sum", 100)), confirmations: rounds));

        var html = HtmlReport.Create(result, ReportData.Description("origin/main (merge base 1a2b3c4d5e)"));

        var labels = System.Text.RegularExpressions.Regex.Matches(html, "<text x=\"0\" y=\"\\d+\">([^<]+)</text>").Select(m => m.Groups[1].Value).ToArray();
        CollectionAssert.AreEqual(new[] { "base", "current", "base, conf. 1", "current, conf. 1", "base, conf. 2", "current, conf. 2" }, labels);
        Assert.AreEqual(6, html.Split("class=\"median ").Length - 1, "every lane marks its median");
        // Against the committed baseline nothing measures the reference again: the rounds keep their old names.
        var single = HtmlReport.Create(Evaluate(Request(Run(Result("Sum", 300)), Baseline(Result("Sum", 100)), confirmations: [Run(Result("Sum", 290))])), ReportData.Description());
        StringAssert.Contains(single, ">confirmation 1</text>");
        Assert.IsFalse(single.Contains("conf. 1", StringComparison.Ordinal));
    }

    [TestMethod]
    public void Two_hundred_benchmarks_stay_well_under_a_megabyte()
    {
        var html = HtmlReport.Create(ReportData.Large(200), ReportData.Description());

        Assert.IsTrue(html.Length < 1_000_000, $"{html.Length}");
        Assert.AreEqual(200, html.Split("<svg ").Length - 1);
    }
}
