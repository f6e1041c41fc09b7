using System.Text.Json;
using PerfGate.Core.Tests.Reports;

namespace PerfGate.EndToEnd.Tests;

/// <summary>A benchmark whose [Params] value is markup with quotes, a pipe and a comma, through every report format.</summary>
[TestClass]
public sealed class HostileNamesTests
{
    [TestMethod]
    public async Task A_hostile_params_value_is_text_in_every_report()
    {
        var scenario = Scenario.Create("HostileNames");
        try
        {
            var result = await scenario.BuildAsync("Bench.csproj", null, ["-p:PerfGate=true", .. Scenario.FastJob]);
            Assert.AreEqual(0, result.ExitCode, result.Output);
            var reports = scenario.PathOf("obj", "Debug", "net10.0", "perfgate");

            // BenchmarkDotNet's name for the case (it quotes the string as a C# literal); report.json and CSV keep it exactly.
            using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(reports, "report.json")));
            var key = report.RootElement.GetProperty("benchmarks")[0].GetProperty("name").GetString()!;
            StringAssert.StartsWith(key, "Markup.Length(Text: ");
            StringAssert.Contains(key, "<script>alert('x')</script>");
            var csv = await Python.RunAsync("""
                import csv, sys
                print(next(csv.DictReader(open(sys.argv[1], newline='', encoding='utf-8')))['benchmark'])
                """, Path.Combine(reports, "perfgate-results.csv"));
            Assert.AreEqual(key, csv);

            // JUnit: the test name, read back by junitparser.
            var junit = await Python.RunAsync("""
                import sys
                from junitparser import JUnitXml
                print(next(iter(next(iter(JUnitXml.fromfile(sys.argv[1]))))).name)
                """, Path.Combine(reports, "perfgate-junit.xml"));
            Assert.AreEqual(key["Markup.".Length..], junit);

            // SARIF stays valid against the official schema.
            await Python.RunAsync("""
                import json, sys, jsonschema
                jsonschema.validate(json.load(open(sys.argv[1])), json.load(open(sys.argv[2])))
                """, Path.Combine(reports, "perfgate.sarif"), Python.SarifSchema);

            // Markdown: no raw tag, the pipe escaped so the table keeps its columns.
            var markdown = await File.ReadAllTextAsync(Path.Combine(reports, "perfgate-summary.md"));
            Assert.IsFalse(markdown.Contains("<script", StringComparison.Ordinal), markdown);
            StringAssert.Contains(markdown, "Markup.Length(Text: ");
            StringAssert.Contains(markdown, "&lt;script>alert('x')&lt;/script>");
            StringAssert.Contains(markdown, "a\\|b, c &amp; d");

            // HTML in Chromium, offline: the name is text, the page's own script is the only one and it ran.
            var page = await Chromium.OpenAsync(Path.Combine(reports, "perfgate-report.html"));
            Assert.AreEqual(1, page.Dom.Split("<script").Length - 1, page.Dom);
            StringAssert.Contains(page.Dom, "&lt;script&gt;alert('x')&lt;/script&gt;");
            StringAssert.Contains(page.Dom, "a|b, c &amp; d");
            StringAssert.Contains(page.Dom, "1 of 1 shown");
            Assert.IsFalse(page.Log.Contains("CONSOLE", StringComparison.Ordinal), page.Log);
        }
        catch
        {
            scenario.Keep();
            throw;
        }
    }
}
