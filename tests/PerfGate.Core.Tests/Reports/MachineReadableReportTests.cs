using System.Text.Json;
using PerfGate.Reports;
using PerfGate.Verdicts;
using static PerfGate.Core.Tests.TestData;

namespace PerfGate.Core.Tests.Reports;

/// <summary>JUnit, SARIF and CSV, each read back by a real consumer (Python's xml.etree, jsonschema with the official SARIF schema, csv).</summary>
[TestClass]
public sealed class MachineReadableReportTests
{
    [TestMethod]
    public async Task JUnit_has_one_test_case_per_benchmark_and_a_FAIL_is_a_failure()
    {
        var path = await WriteAsync(ReportFormats.JUnit, ReportSet.JUnitFile);

        // junitparser, the library CI tools' JUnit readers are modelled on: counts, and each case's result.
        var read = await Python.RunAsync("""
            import sys
            from junitparser import JUnitXml, Failure
            xml = JUnitXml.fromfile(sys.argv[1])
            suite = next(iter(xml))
            cases = list(suite)
            print(suite.tests, suite.failures, len(cases))
            for case in cases:
                failures = [r for r in case.result if isinstance(r, Failure)]
                print(case.classname, '|', case.name.replace('\n', '\\n'), '|', failures[0].type if failures else 'passed')
            """, path);

        var lines = read.Split('\n');
        Assert.AreEqual("3 1 3", lines[0], read);
        StringAssert.Contains(read, "Sample.Work | Sum | PG2001");
        StringAssert.Contains(read, "Sample.Work | Fast | passed");
        // The escape character XML cannot hold is written as text; the rest of the name is kept as it is.
        StringAssert.Contains(read, "Sample.Work | Parse(Text: <script>alert('x')</script> \"q\" a|b, c\\nd\\u001B) | passed");
    }

    [TestMethod]
    public async Task SARIF_is_valid_against_the_official_schema_and_points_at_the_method()
    {
        var path = await WriteAsync(ReportFormats.Sarif, ReportSet.SarifFile);

        await Python.RunAsync("""
            import json, sys, jsonschema
            jsonschema.validate(json.load(open(sys.argv[1])), json.load(open(sys.argv[2])))
            """, path, Python.SarifSchema);
        using var sarif = JsonDocument.Parse(await File.ReadAllTextAsync(path));
        var run = sarif.RootElement.GetProperty("runs")[0];
        var result = run.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("ruleId").GetString() == "PG2001");
        Assert.AreEqual("error", result.GetProperty("level").GetString());
        var location = result.GetProperty("locations")[0].GetProperty("physicalLocation");
        Assert.AreEqual("bench/Sum.cs", location.GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.AreEqual("SRCROOT", location.GetProperty("artifactLocation").GetProperty("uriBaseId").GetString());
        Assert.AreEqual(10, location.GetProperty("region").GetProperty("startLine").GetInt32());
        var rule = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().Single(r => r.GetProperty("id").GetString() == "PG2001");
        StringAssert.EndsWith(rule.GetProperty("helpUri").GetString(), "docs/diagnostics.md#pg2001");
    }

    [TestMethod]
    public async Task CSV_has_every_figure_per_benchmark_and_reads_back_with_pythons_csv_module()
    {
        var path = await WriteAsync(ReportFormats.Csv, ReportSet.CsvFile);

        var read = await Python.RunAsync("""
            import csv, sys
            rows = list(csv.DictReader(open(sys.argv[1], newline='', encoding='utf-8')))
            print(len(rows))
            for row in rows:
                print(repr(row['benchmark']), row['verdict'], row['codes'], row['baseline_median_ns'], row['current_p99_ns'] != '', row['current_gen0_per_1000_ops'], row['time_change'][:6])
            """, path);

        var lines = read.Split('\n');
        Assert.AreEqual("3", lines[0], read);
        StringAssert.Contains(read, "'Sample.Work.Sum' FAIL PG2001 100 True  2");
        StringAssert.Contains(read, "'Sample.Work.Parse(Text: <script>alert(\\'x\\')</script> \"q\" a|b, c\\nd\\x1b)' PASS  50 True 1.5");
    }

    [TestMethod]
    public async Task A_run_level_note_without_a_location_is_valid_SARIF_at_note_level()
    {
        var noisy = Result("Sum", 100) with { SamplesNs = Samples.Around(100, 15, 0.4) };
        var result = Evaluate(Request(Run(noisy), Baseline(noisy)));
        Assert.AreEqual("PG0060", result.Findings.Single().Code);

        var path = await WriteAsync(ReportFormats.Sarif, ReportSet.SarifFile, result);

        await Python.RunAsync("""
            import json, sys, jsonschema
            jsonschema.validate(json.load(open(sys.argv[1])), json.load(open(sys.argv[2])))
            """, path, Python.SarifSchema);
        using var sarif = JsonDocument.Parse(await File.ReadAllTextAsync(path));
        var note = sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().Single();
        Assert.AreEqual("PG0060", note.GetProperty("ruleId").GetString());
        Assert.AreEqual("note", note.GetProperty("level").GetString());
        Assert.IsFalse(note.TryGetProperty("locations", out _));
    }

    private static async Task<string> WriteAsync(ReportFormats format, string name, GateResult? result = null)
    {
        var directory = TempFolders.New("perfgate-reports-");
        var (written, problems) = await ReportSet.WriteAsync(directory, format, result ?? ReportData.Mixed(), ReportData.Description(), CancellationToken.None);
        Assert.AreEqual(0, problems.Count);
        Assert.AreEqual(Path.Combine(directory, name), written.Single());
        return written.Single();
    }
}
