using System.Text.Json;
using PerfGate.Core.Tests.Reports;

namespace PerfGate.EndToEnd.Tests;

/// <summary>
/// The main path on a project whose Main calls BenchmarkRunner.Run&lt;T&gt;() (ignoring the command line), with [Params],
/// two classes named Work in different namespaces, and a perfgate.json beside it. The class starts with no baseline,
/// records one, then each test gates a variation against it, turning knobs the benchmarks read from the environment.
/// </summary>
[TestClass]
public sealed class RunnerStyleTests
{
    private const string Project = "Bench.csproj";
    private static readonly string[] Gate = ["-p:PerfGate=true", .. Scenario.FastJob];
    private static readonly string[] GateAgain = [.. Gate, "-p:PerfGateForce=true"];
    private static Scenario scenario = null!;
    private static DotnetCli.Result withoutBaseline = null!;
    private static DotnetCli.Result recording = null!;
    private static bool anyFailed;

    public TestContext TestContext { get; set; } = null!;

    [ClassInitialize]
    public static async Task RecordBaselineAsync(TestContext context)
    {
        scenario = Scenario.Create("RunnerStyle");
        withoutBaseline = await scenario.BuildAsync(Project, null, [.. Gate, "-v:n"]);
        recording = await scenario.BuildAsync(Project, null, [.. Gate, "-p:PerfGateUpdateBaseline=true"]);
    }

    [TestCleanup]
    public void NoteFailure() => anyFailed |= TestContext.CurrentTestOutcome != UnitTestOutcome.Passed;

    [ClassCleanup]
    public static void KeepFolderOfFailures()
    {
        if (anyFailed)
        {
            scenario.Keep();
        }
    }

    private static Dictionary<string, string?> Knob(string name, string value) => new() { [name] = value };

    private static string Describe(DotnetCli.Result result) => result.Describe();

    [TestMethod]
    public void Without_a_baseline_the_benchmarks_run_and_the_build_warns_PG1012()
    {
        Assert.AreEqual(0, withoutBaseline.ExitCode, Describe(withoutBaseline));
        var warning = withoutBaseline.PerfGate.Single();
        Assert.AreEqual("PG1012", warning.Code, Describe(withoutBaseline));
        Assert.AreEqual("warning", warning.Severity);
        StringAssert.Contains(warning.Message, "-p:PerfGateUpdateBaseline=true");
        StringAssert.Contains(withoutBaseline.Output, "PerfGate Bench: [5/5]");
    }

    [TestMethod]
    public void Recording_writes_one_entry_per_benchmark_case()
    {
        Assert.AreEqual(0, recording.ExitCode, Describe(recording));
        Assert.AreEqual(0, recording.PerfGate.Count(), Describe(recording));
        var baseline = File.ReadAllText(scenario.PathOf("perfgate.baseline.json"));
        foreach (var key in new[] { "Shop.Work.Sum(N: 256)", "Shop.Work.Sum(N: 512)", "Shop.Work.Checksum(N: 256)", "Shop.Work.Checksum(N: 512)", "Warehouse.Work.Sum" })
        {
            StringAssert.Contains(baseline, $"\"{key}\": {{", key);
        }

        StringAssert.Contains(recording.Output, "PerfGate Bench: recorded 5 benchmark(s)");
        Assert.AreEqual(5, System.Text.RegularExpressions.Regex.Matches(baseline, "\"ilHash\": \"[0-9a-f]{16}\"").Count, baseline);
    }

    [TestMethod]
    public async Task An_unchanged_rebuild_does_not_rerun_the_benchmarks_but_reports_the_last_warnings_again()
    {
        var log = scenario.PathOf("obj", "Debug", "net10.0", "perfgate", "benchmarks.log");
        var before = File.GetLastWriteTimeUtc(log);
        var gateWithoutBaseline = Gate.Append($"-p:PerfGateBaselineFile={scenario.PathOf("none.json")}").ToArray();
        var warned = await scenario.BuildAsync(Project, null, gateWithoutBaseline);
        var afterWarning = File.GetLastWriteTimeUtc(log);

        var replayed = await scenario.BuildAsync(Project, null, gateWithoutBaseline);
        var promoted = await scenario.BuildAsync(Project, null, [.. gateWithoutBaseline, "-p:WarningsAsErrors=PG1012"]);

        Assert.AreNotEqual(before, afterWarning, "a new baseline path is a new setting: the benchmarks ran");
        Assert.AreEqual(0, replayed.ExitCode, Describe(replayed));
        Assert.AreEqual("PG1012", warned.PerfGate.Single().Code, Describe(warned));
        StringAssert.Contains(replayed.Output, "benchmarks not rerun");
        Assert.AreEqual("PG1012", replayed.PerfGate.Single().Code, Describe(replayed));
        Assert.AreEqual(1, promoted.ExitCode, Describe(promoted));
        Assert.AreEqual("error", promoted.PerfGate.Single().Severity, Describe(promoted));
        Assert.AreEqual(afterWarning, File.GetLastWriteTimeUtc(log), "replaying ran no benchmark");
    }

    [TestMethod]
    public async Task Unchanged_code_passes()
    {
        var result = await scenario.BuildAsync(Project, null, GateAgain);

        Assert.AreEqual(0, result.ExitCode, Describe(result));
        Assert.AreEqual(0, result.PerfGate.Count(d => d.Severity == "error"), Describe(result));
        StringAssert.Matches(result.Output, new System.Text.RegularExpressions.Regex(@"PerfGate Bench: (PASS|WARN) \(5 benchmarks"));
    }

    [TestMethod]
    public async Task A_slowdown_fails_at_the_benchmark_method_and_the_others_pass_and_every_report_says_so()
    {
        // As on a CI runner: GitHub's step summary file and Azure Pipelines' TF_BUILD are set; reports go to a folder of the user's.
        var reports = scenario.PathOf("perf reports");
        var stepSummary = scenario.PathOf("step-summary.md");
        var ci = new Dictionary<string, string?> { ["PERFGATE_E2E_WORK_FACTOR"] = "4", ["GITHUB_STEP_SUMMARY"] = stepSummary, ["TF_BUILD"] = "True" };
        var result = await scenario.BuildAsync(Project, ci, [.. GateAgain, $"-p:PerfGateReportDirectory={reports}"]);

        Assert.AreEqual(1, result.ExitCode, Describe(result));
        var errors = result.PerfGate.Where(d => d.Severity == "error").ToArray();
        Assert.AreEqual(2, errors.Length, Describe(result));
        foreach (var error in errors)
        {
            Assert.AreEqual("PG2001", error.Code, Describe(result));
            Assert.AreEqual(scenario.PathOf("Program.cs"), error.File);
            Assert.AreEqual(scenario.LineOf("Program.cs", "public long Sum("), error.Line, error.ToString());
            StringAssert.Contains(error.Message, "Shop.Work.Sum(N: ");
            StringAssert.Contains(error.Message, "-p:PerfGateFilter=Shop.Work.Sum");
            StringAssert.Contains(error.Message, "confirmed by 3 of 3 runs");
        }

        Assert.IsTrue(File.Exists(scenario.PathOf("obj", "Debug", "net10.0", "perfgate", "benchmarks-confirmation-2.log")), "two confirmation runs");

        // Unchanged benchmarks get no error. (A warning is possible: unchanged code here has drawn +23% in a new process.)
        Assert.IsFalse(errors.Any(d => d.Message.Contains("Warehouse.Work.Sum", StringComparison.Ordinal)), Describe(result));

        // The reports, each read by a real consumer.
        foreach (var file in new[] { "perfgate-summary.md", "perfgate-comment.md", "perfgate-report.html", "perfgate-junit.xml", "perfgate.sarif", "perfgate-results.csv" })
        {
            Assert.IsTrue(File.Exists(Path.Combine(reports, file)), file);
        }

        StringAssert.StartsWith(await File.ReadAllTextAsync(stepSummary), "## ❌ PerfGate: FAIL — Bench");
        StringAssert.Contains(result.Output, $"##vso[task.uploadsummary]{Path.Combine(reports, "perfgate-summary.md")}");
        await Python.RunAsync("""
            import json, sys, jsonschema
            jsonschema.validate(json.load(open(sys.argv[1])), json.load(open(sys.argv[2])))
            """, Path.Combine(reports, "perfgate.sarif"), Python.SarifSchema);
        var sarif = await Python.RunAsync("""
            import json, sys
            run = json.load(open(sys.argv[1]))['runs'][0]
            for r in run['results']:
                if r['ruleId'] == 'PG2001':
                    l = r['locations'][0]['physicalLocation']
                    print(l['artifactLocation']['uri'], l['region']['startLine'])
            """, Path.Combine(reports, "perfgate.sarif"));
        var sumLine = scenario.LineOf("Program.cs", "public long Sum(");
        Assert.AreEqual($"Program.cs {sumLine}\nProgram.cs {sumLine}", sarif);
        var junit = await Python.RunAsync("""
            import sys
            from junitparser import JUnitXml
            suite = next(iter(JUnitXml.fromfile(sys.argv[1])))
            print(suite.tests, suite.failures)
            """, Path.Combine(reports, "perfgate-junit.xml"));
        Assert.AreEqual("5 2", junit);
        var csv = await Python.RunAsync("""
            import csv, sys
            rows = list(csv.DictReader(open(sys.argv[1], newline='', encoding='utf-8')))
            print(len(rows), sorted(r['verdict'] for r in rows if r['codes'].startswith('PG2001')))
            """, Path.Combine(reports, "perfgate-results.csv"));
        Assert.AreEqual("5 ['FAIL', 'FAIL']", csv);
    }

    [TestMethod]
    public async Task A_slowdown_that_does_not_repeat_in_a_new_process_is_dismissed_and_the_report_says_so()
    {
        var markers = Directory.CreateTempSubdirectory("perfgate-slow-once-").FullName;
        try
        {
            var result = await scenario.BuildAsync(Project, Knob("PERFGATE_E2E_SLOW_ONCE_DIR", markers), GateAgain);

            Assert.AreEqual(0, result.ExitCode, Describe(result));
            // Slow in the first process only: noise between processes, so neither an error nor a warning.
            Assert.IsFalse(result.PerfGate.Any(d => d.Message.StartsWith("Shop.Work.Sum(", StringComparison.Ordinal) && d.Code == "PG1001"), Describe(result));
            using var report = JsonDocument.Parse(File.ReadAllText(scenario.PathOf("obj", "Debug", "net10.0", "perfgate", "report.json")));
            var rows = report.RootElement.GetProperty("benchmarks").EnumerateArray()
                .Where(row => row.GetProperty("name").GetString()!.StartsWith("Shop.Work.Sum(", StringComparison.Ordinal)).ToArray();
            Assert.AreEqual(2, rows.Length, Describe(result));
            // PASS, unless BenchmarkDotNet itself warned (PG1008: MinIterationTime, when the slow first process set too few
            // operations per iteration, depends on this machine's timing): then WARN for that, never for time.
            var rowFindings = report.RootElement.GetProperty("findings").EnumerateArray()
                .Where(f => f.TryGetProperty("benchmark", out var b) && b.GetString()!.StartsWith("Shop.Work.Sum(", StringComparison.Ordinal))
                .Select(f => f.GetProperty("code").GetString()).ToArray();
            Assert.IsTrue(rowFindings.All(code => code == "PG1008"), Describe(result));
            Assert.IsTrue(rows.All(row => row.GetProperty("verdict").GetString() is "PASS" or "WARN"), Describe(result));
            // Usually the first confirmation run dismisses it; but a confirmation run has itself measured the unchanged
            // method +47% to +59% (see perfgate.json), and then the second one dismissed it: both are correct.
            var evidence = rows.Select(row => row.GetProperty("timeEvidence").GetString() ?? string.Empty).ToArray();
            Assert.IsTrue(evidence.All(e => e.Contains("dismissed as noise: it did not repeat in confirmation run ", StringComparison.Ordinal)), string.Join("\n", evidence));
            var dismissedInSecond = evidence.Any(e => e.Contains("did not repeat in confirmation run 2, in a new process", StringComparison.Ordinal));
            Assert.IsTrue(File.Exists(scenario.PathOf("obj", "Debug", "net10.0", "perfgate", "benchmarks-confirmation-1.log")));
            Assert.AreEqual(dismissedInSecond, File.Exists(scenario.PathOf("obj", "Debug", "net10.0", "perfgate", "benchmarks-confirmation-2.log")),
                "a second confirmation run happens only for what the first one still found slow");
        }
        finally
        {
            Directory.Delete(markers, recursive: true);
        }
    }

    [TestMethod]
    public async Task FailOnRegression_false_reports_the_slowdown_as_a_warning()
    {
        var result = await scenario.BuildAsync(Project, Knob("PERFGATE_E2E_WORK_FACTOR", "4"), [.. GateAgain, "-p:PerfGateFailOnRegression=false"]);

        Assert.AreEqual(0, result.ExitCode, Describe(result));
        Assert.AreEqual(2, result.PerfGate.Count(d => d.Code == "PG1001" && d.Severity == "warning" && d.Message.StartsWith("Shop.Work.Sum(", StringComparison.Ordinal)), Describe(result));
        Assert.AreEqual(0, result.PerfGate.Count(d => d.Severity == "error"), Describe(result));
    }

    [TestMethod]
    public async Task Against_a_baseline_of_other_job_settings_time_is_a_warning_and_allocations_still_fail()
    {
        // The same slowdown and extra allocation as the tests above, measured with 8 iterations against a baseline of 10.
        var knobs = new Dictionary<string, string?> { ["PERFGATE_E2E_WORK_FACTOR"] = "4", ["PERFGATE_E2E_EXTRA_ALLOCATION"] = "1" };
        var result = await scenario.BuildAsync(Project, knobs, [.. GateAgain, "-p:PerfGateIterationCount=8"]);

        Assert.AreEqual(1, result.ExitCode, Describe(result));
        Assert.IsFalse(result.PerfGate.Any(d => d.Code is "PG2001" or "PG3001"), Describe(result));
        var notComparable = result.PerfGate.Where(d => d.Code == "PG1006" && d.Message.StartsWith("Shop.Work.Sum(", StringComparison.Ordinal)).ToArray();
        Assert.AreEqual(2, notComparable.Length, Describe(result));
        Assert.IsTrue(notComparable.All(d => d.Line == scenario.LineOf("Program.cs", "public long Sum(") && d.Message.Contains("IterationCount=10", StringComparison.Ordinal)), Describe(result));
        Assert.AreEqual(2, result.PerfGate.Count(d => d.Code == "PG2002" && d.Severity == "error"), Describe(result));
    }

    [TestMethod]
    public async Task Against_a_baseline_from_another_machine_time_is_a_warning_that_names_the_difference()
    {
        var baselinePath = scenario.PathOf("perfgate.baseline.json");
        var recorded = File.ReadAllText(baselinePath);
        try
        {
            var elsewhere = System.Text.Json.Nodes.JsonNode.Parse(recorded)!;
            elsewhere["environment"]!["processor"] = "Another CPU";
            File.WriteAllText(baselinePath, elsewhere.ToJsonString());

            var result = await scenario.BuildAsync(Project, Knob("PERFGATE_E2E_WORK_FACTOR", "4"), GateAgain);

            Assert.AreEqual(0, result.ExitCode, Describe(result));
            var notComparable = result.PerfGate.Where(d => d.Code == "PG1006" && d.Message.StartsWith("Shop.Work.Sum(", StringComparison.Ordinal)).ToArray();
            Assert.AreEqual(2, notComparable.Length, Describe(result));
            Assert.IsTrue(notComparable.All(d => d.Message.Contains("processor 'Another CPU'", StringComparison.Ordinal)), Describe(result));
        }
        finally
        {
            File.WriteAllText(baselinePath, recorded);
        }
    }

    [TestMethod]
    public async Task A_rewritten_benchmark_method_that_got_slower_fails_and_the_message_says_it_changed()
    {
        var programPath = scenario.PathOf("Program.cs");
        var source = File.ReadAllText(programPath);
        try
        {
            // Sum's own code changes and gets slower: a regression is a regression, wherever its code was written.
            File.WriteAllText(programPath, source.Replace("total += data[i] ^ round;", "total += (data[i] ^ round) * 3;", StringComparison.Ordinal));

            var result = await scenario.BuildAsync(Project, Knob("PERFGATE_E2E_WORK_FACTOR", "4"), GateAgain);

            Assert.AreEqual(1, result.ExitCode, Describe(result));
            var errors = result.PerfGate.Where(d => d.Severity == "error").ToArray();
            Assert.AreEqual(2, errors.Length, Describe(result));
            Assert.IsTrue(errors.All(d => d.Code == "PG2001" && d.Message.StartsWith("Shop.Work.Sum(N: ", StringComparison.Ordinal)
                && d.Message.Contains("The [Benchmark] method itself changed", StringComparison.Ordinal)), Describe(result));
        }
        finally
        {
            File.WriteAllText(programPath, source);
        }
    }

    [TestMethod]
    public async Task An_added_allocation_fails_at_the_benchmark_method()
    {
        var result = await scenario.BuildAsync(Project, Knob("PERFGATE_E2E_EXTRA_ALLOCATION", "1"), GateAgain);

        Assert.AreEqual(1, result.ExitCode, Describe(result));
        var errors = result.PerfGate.Where(d => d.Severity == "error").ToArray();
        Assert.AreEqual(2, errors.Length, Describe(result));
        Assert.IsTrue(errors.All(e => e.Code == "PG2002" && e.Line == scenario.LineOf("Program.cs", "public int Checksum(")), Describe(result));
        StringAssert.Contains(errors[0].Message, "was allocation-free");
    }

    [TestMethod]
    public async Task A_benchmark_that_throws_blocks()
    {
        var result = await scenario.BuildAsync(Project, Knob("PERFGATE_E2E_THROW", "1"), GateAgain);

        Assert.AreEqual(1, result.ExitCode, Describe(result));
        var blocked = result.PerfGate.Where(d => d.Severity == "error").ToArray();
        Assert.IsTrue(blocked.Length > 0, Describe(result));
        Assert.IsTrue(blocked.All(d => d.Code is "PG3102" or "PG3100"), Describe(result));
        StringAssert.Contains(result.Output, "BLOCK");
    }

    [TestMethod]
    public async Task A_corrupt_baseline_blocks_at_the_problem_and_is_left_untouched()
    {
        var path = scenario.PathOf("perfgate.baseline.json");
        var original = await File.ReadAllTextAsync(path);
        var corrupt = original.Replace("\"samplesNs\": [", "\"samplesNs\": [,", StringComparison.Ordinal);
        await File.WriteAllTextAsync(path, corrupt);
        try
        {
            var result = await scenario.BuildAsync(Project, null, Gate);

            Assert.AreEqual(1, result.ExitCode, Describe(result));
            var error = result.PerfGate.Single();
            Assert.AreEqual("PG3103", error.Code, Describe(result));
            Assert.AreEqual(path, error.File);
            var expectedLine = corrupt.Split('\n').Select((l, i) => (l, i)).First(x => x.l.Contains("[,", StringComparison.Ordinal)).i + 1;
            Assert.AreEqual(expectedLine, error.Line, error.ToString());
            Assert.AreEqual(corrupt, await File.ReadAllTextAsync(path));
        }
        finally
        {
            await File.WriteAllTextAsync(path, original);
        }
    }

    [TestMethod]
    public async Task A_design_time_build_never_gates()
    {
        var workDirectory = scenario.PathOf("obj", "Debug", "net10.0", "perfgate");
        var stamp = Path.Combine(workDirectory, "benchmarks.log");
        var before = File.GetLastWriteTimeUtc(stamp);

        var result = await scenario.BuildAsync(Project, null, [.. GateAgain, "-p:DesignTimeBuild=true", "-p:PerfGateJob=short"]);

        Assert.IsFalse(result.Output.Contains("PerfGate", StringComparison.Ordinal), Describe(result));
        Assert.AreEqual(before, File.GetLastWriteTimeUtc(stamp));
    }

    [TestMethod]
    public async Task A_build_without_PerfGate_is_an_ordinary_build()
    {
        var result = await scenario.BuildAsync(Project, null, "-v:n");

        Assert.AreEqual(0, result.ExitCode, Describe(result));
        Assert.IsFalse(result.Output.Contains("PerfGate", StringComparison.Ordinal), Describe(result));
        Assert.IsFalse(result.Output.Contains("PerfGateBenchmarkEntry", StringComparison.Ordinal));
    }

    [TestMethod]
    public async Task Shards_split_the_cases_stably_record_only_their_own_entries_and_merge_into_one_verdict()
    {
        var reportJson = scenario.PathOf("obj", "Debug", "net10.0", "perfgate", "report.json");
        var shardReports = new List<string>();
        var keysByShard = new Dictionary<int, string[]>();
        for (var index = 1; index <= 2; index++)
        {
            var shard = await scenario.BuildAsync(Project, null, [.. GateAgain, $"-p:PerfGateShard={index}/2"]);
            Assert.AreEqual(0, shard.ExitCode, Describe(shard));
            var copy = scenario.PathOf($"shard-{index}", "report.json");
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(reportJson, copy, overwrite: true);
            shardReports.Add(copy);
            using var report = JsonDocument.Parse(await File.ReadAllTextAsync(copy));
            Assert.AreEqual($"{index}/2", report.RootElement.GetProperty("shard").GetString());
            keysByShard[index] = report.RootElement.GetProperty("benchmarks").EnumerateArray().Select(b => b.GetProperty("name").GetString()!).ToArray();
            Assert.IsFalse(shard.PerfGate.Any(d => d.Code == "PG1011"), "another shard's baseline entries are not missing: " + Describe(shard));
        }

        // Every case in exactly one shard, the one PerfGate's own function gives (the benchmark process computes it).
        var all = keysByShard.Values.SelectMany(k => k).Order(StringComparer.Ordinal).ToArray();
        CollectionAssert.AreEqual(new[] { "Shop.Work.Checksum(N: 256)", "Shop.Work.Checksum(N: 512)", "Shop.Work.Sum(N: 256)", "Shop.Work.Sum(N: 512)", "Warehouse.Work.Sum" }, all);
        foreach (var (index, keys) in keysByShard)
        {
            Assert.IsTrue(keys.All(k => PerfGate.Running.BenchmarkShard.Of(k, 2) == index), $"shard {index}: {string.Join(", ", keys)}");
        }

        // A shard's recording rewrites its own entries only.
        var before = JsonDocument.Parse(await File.ReadAllTextAsync(scenario.PathOf("perfgate.baseline.json"))).RootElement.GetProperty("benchmarks").Clone();
        var record = await scenario.BuildAsync(Project, null, [.. GateAgain, "-p:PerfGateShard=2/2", "-p:PerfGateUpdateBaseline=true", "-p:PerfGateRecordProcesses=1"]);
        Assert.AreEqual(0, record.ExitCode, Describe(record));
        var after = JsonDocument.Parse(await File.ReadAllTextAsync(scenario.PathOf("perfgate.baseline.json"))).RootElement.GetProperty("benchmarks");
        foreach (var key in all)
        {
            var same = before.GetProperty(key).GetRawText() == after.GetProperty(key).GetRawText();
            Assert.AreEqual(keysByShard[1].Contains(key), same, $"{key}: only shard 2's entries are re-recorded");
        }

        // The shards' reports merge into one verdict; one shard alone is incomplete (exit 3, PG3116).
        var merged = await InstalledTool.RunAsync(scenario.Directory, ["merge", .. shardReports, "--report-dir", scenario.PathOf("merged")]);
        var partial = await InstalledTool.RunAsync(scenario.Directory, "merge", shardReports[0]);
        Assert.IsTrue(merged.ExitCode is 0 or 1, merged.ToString());
        StringAssert.Contains(merged.Output, "(5 benchmarks:");
        Assert.IsTrue(File.Exists(scenario.PathOf("merged", "perfgate-summary.md")));
        Assert.AreEqual(3, partial.ExitCode, partial.ToString());
        StringAssert.Contains(partial.Output, "PG3116");
        StringAssert.Contains(partial.Output, "shard 2/2 is missing");
    }
}
