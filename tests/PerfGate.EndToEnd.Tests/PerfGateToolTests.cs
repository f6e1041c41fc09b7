using System.Text.Json;
using PerfGate.Core.Tests.Reports;
using PerfGate.History;

namespace PerfGate.EndToEnd.Tests;

/// <summary>
/// The `perfgate` tool installed from its packed .nupkg and run as a process on real BenchmarkDotNet reports: exit codes
/// 0-3, reports, bad input, baseline maintenance and the run history.
/// </summary>
[TestClass]
public sealed class PerfGateToolTests
{
    /// <summary>A folder of its own for a test, inside the run's folder, so it is removed with it when every test passed.</summary>
    private static string NewFolder() =>
        Directory.CreateDirectory(Path.Combine(PackedPackage.Root, "tool-" + Guid.NewGuid().ToString("N")[..12])).FullName;

    [TestMethod]
    public async Task Version_and_help_work_for_every_command()
    {
        var folder = NewFolder();
        var version = await InstalledTool.RunAsync(folder, "--version");
        Assert.AreEqual(0, version.ExitCode, version.ToString());
        StringAssert.StartsWith(version.Output.Trim(), PackedPackage.Version);

        foreach (var command in new[] { new[] { "compare" }, ["baseline", "record"], ["baseline", "show"], ["baseline", "prune"], ["history", "show"], ["history", "trend"], ["history", "report"] })
        {
            var help = await InstalledTool.RunAsync(folder, [.. command, "--help"]);
            Assert.AreEqual(0, help.ExitCode, help.ToString());
            StringAssert.Contains(help.Output, "Usage:", help.ToString());
        }
    }

    [TestMethod]
    public async Task The_tool_is_packed_for_every_platform_and_installs_as_native_code_on_linux_x64()
    {
        var executable = await InstalledTool.InstallAsync();
        foreach (var implementation in new[] { "any", "linux-x64" })
        {
            Assert.IsTrue(File.Exists(Path.Combine(PackedPackage.Folder, $"PerfGate.Tool.{implementation}.{PackedPackage.Version}.nupkg")), implementation);
        }

        if (!OperatingSystem.IsLinux() || System.Runtime.InteropServices.RuntimeInformation.OSArchitecture != System.Runtime.InteropServices.Architecture.X64)
        {
            Assert.Inconclusive("only linux-x64 has a native package");
        }

        // The command is the linux-x64 package's native executable (an ELF file), not a launcher of perfgate.dll.
        var target = new FileInfo(executable).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? executable;
        StringAssert.Contains(target, Path.Combine("perfgate.tool.linux-x64", PackedPackage.Version), "the linux-x64 package was installed");
        var header = new byte[4];
        await using (var file = File.OpenRead(target))
        {
            await file.ReadExactlyAsync(header);
        }

        CollectionAssert.AreEqual(new byte[] { 0x7F, (byte)'E', (byte)'L', (byte)'F' }, header, $"{target} is native code");
        Assert.IsFalse(Directory.EnumerateFiles(Path.GetDirectoryName(target)!, "*.dll").Any(), "no managed assemblies beside the native tool");
    }

    [TestMethod]
    public async Task Compare_exits_with_the_verdict_0_to_3_and_fail_on_maps_it_to_0_and_1()
    {
        var folder = NewFolder();
        var baseline = BenchmarkReports.Write(Path.Combine(folder, "base", "Sample.Work-report-full.json"));
        var same = BenchmarkReports.Write(Path.Combine(folder, "same", "Sample.Work-report-full.json"));
        var slower = BenchmarkReports.Write(Path.Combine(folder, "slower", "Sample.Work-report-full.json"), timeFactor: 1.3);
        var twice = BenchmarkReports.Write(Path.Combine(folder, "twice", "Sample.Work-report-full.json"), timeFactor: 2);
        var warnOnly = Path.Combine(folder, "warn-only.json");
        await File.WriteAllTextAsync(warnOnly, """{ "defaults": { "time": { "warn": 10, "fail": 100 } } }""");
        var blocking = Path.Combine(folder, "blocking.json");
        await File.WriteAllTextAsync(blocking, """{ "defaults": { "time": { "warn": 5, "fail": 10, "block": 50 } } }""");

        var pass = await InstalledTool.RunAsync(folder, "compare", baseline, same);
        var warn = await InstalledTool.RunAsync(folder, "compare", baseline, slower, "--config", warnOnly);
        var fail = await InstalledTool.RunAsync(folder, "compare", Path.Combine(folder, "base"), Path.Combine(folder, "twice"));
        var block = await InstalledTool.RunAsync(folder, "compare", baseline, twice, "--config", blocking);
        var warnAsPass = await InstalledTool.RunAsync(folder, "compare", baseline, slower, "--config", warnOnly, "--fail-on", "fail");
        var warnAsFailure = await InstalledTool.RunAsync(folder, "compare", baseline, slower, "--config", warnOnly, "--fail-on", "warn");

        Assert.AreEqual(0, pass.ExitCode, pass.ToString());
        StringAssert.Contains(pass.Output, "PerfGate: PASS");
        Assert.AreEqual(1, warn.ExitCode, warn.ToString());
        StringAssert.Contains(warn.Output, "warning PG1001: Sample.Work.Sum(N: 100)");
        Assert.AreEqual(2, fail.ExitCode, fail.ToString());
        StringAssert.Contains(fail.Output, "error PG2001: Sample.Work.Sum(N: 100)");
        StringAssert.Contains(fail.Output, "perfgate baseline record", "the accept command is the tool's, not a build");
        Assert.AreEqual(3, block.ExitCode, block.ToString());
        StringAssert.Contains(block.Output, "error PG3001");
        Assert.AreEqual(0, warnAsPass.ExitCode, warnAsPass.ToString());
        Assert.AreEqual(1, warnAsFailure.ExitCode, warnAsFailure.ToString());
        Assert.AreEqual(string.Empty, fail.Error.Trim(), "a verdict is not an error");
    }

    [TestMethod]
    public async Task Compare_writes_the_same_report_files_as_the_build()
    {
        var folder = NewFolder();
        var baseline = BenchmarkReports.Write(Path.Combine(folder, "base.json"));
        var twice = BenchmarkReports.Write(Path.Combine(folder, "twice.json"), timeFactor: 2, allocatedBytes: 64);
        var reports = Path.Combine(folder, "reports with space");

        var result = await InstalledTool.RunAsync(folder, "compare", baseline, twice, "--report-dir", reports);

        Assert.AreEqual(2, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Output, "PG2002", "allocations are judged too");
        foreach (var name in new[] { "perfgate-summary.md", "perfgate-comment.md", "perfgate-report.html", "perfgate-junit.xml", "perfgate.sarif", "perfgate-results.csv", "report.json" })
        {
            Assert.IsTrue(File.Exists(Path.Combine(reports, name)), name);
        }

        await Python.RunAsync("""
            import json, sys, jsonschema
            jsonschema.validate(json.load(open(sys.argv[1])), json.load(open(sys.argv[2])))
            """, Path.Combine(reports, "perfgate.sarif"), Python.SarifSchema);
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(reports, "report.json")));
        Assert.AreEqual("FAIL", report.RootElement.GetProperty("verdict").GetString());
    }

    [TestMethod]
    public async Task Bad_input_is_one_line_on_stderr_and_exit_code_3_never_a_stack_trace()
    {
        var folder = NewFolder();
        var baseline = BenchmarkReports.Write(Path.Combine(folder, "base.json"));
        var malformed = Path.Combine(folder, "malformed.json");
        await File.WriteAllTextAsync(malformed, "{\n  \"Benchmarks\": [ { \"FullName\": \"x\", }\n");
        // Broken before it shows whether it is a baseline file or a report (what compare reads first of a baseline).
        var garbled = Path.Combine(folder, "garbled.json");
        await File.WriteAllTextAsync(garbled, "{\n  \"schemaVersion\": 1,,\n");
        var badConfig = Path.Combine(folder, "bad-config.json");
        await File.WriteAllTextAsync(badConfig, """{ "defaults": { "time": { "warn": "five" } } }""");
        var empty = Directory.CreateDirectory(Path.Combine(folder, "empty")).FullName;

        var cases = new (string[] Arguments, string Expected)[]
        {
            (["compare", baseline, Path.Combine(folder, "missing.json")], "missing.json: no such file or folder"),
            (["compare", baseline, malformed], "malformed.json(2,"),
            (["compare", malformed, baseline], "malformed.json(2,"),
            (["compare", garbled, baseline], "garbled.json(2,"),
            (["compare", baseline, baseline, "--config", badConfig], "bad-config.json(1,"),
            (["compare", baseline, empty], "holds no BenchmarkDotNet full JSON report"),
            (["compare", baseline, baseline, "--no-such-option"], "--no-such-option"),
            (["compare", baseline], "Required argument 'current' missing"),
            (["compare", baseline, baseline, "--fail-on", "sometimes"], "sometimes"),
            (["history", "show", "--file", Path.Combine(folder, "none.jsonl")], "none.jsonl: no such file"),
            (["baseline", "show", "--baseline", malformed], "malformed.json"),
        };
        foreach (var (arguments, expected) in cases)
        {
            var result = await InstalledTool.RunAsync(folder, arguments);
            Assert.AreEqual(3, result.ExitCode, result.ToString());
            var lines = result.Error.Trim().Split('\n');
            Assert.AreEqual(1, lines.Length, result.ToString());
            StringAssert.StartsWith(lines[0], "perfgate: ", result.ToString());
            StringAssert.Contains(lines[0], expected, result.ToString());
            Assert.IsFalse(result.Error.Contains("   at ", StringComparison.Ordinal), result.ToString());
        }
    }

    [TestMethod]
    public async Task Baseline_record_show_and_prune_keep_a_baseline_without_a_build()
    {
        var folder = NewFolder();
        var results = BenchmarkReports.Write(Path.Combine(folder, "results", "Sample.Work-report-full.json"));
        var fewer = BenchmarkReports.Write(Path.Combine(folder, "fewer.json"), without: "Sample.Work.Sum(N: 200)");
        var path = Path.Combine(folder, "perfgate.baseline.json");

        var record = await InstalledTool.RunAsync(folder, "baseline", "record", Path.Combine(folder, "results"));
        var show = await InstalledTool.RunAsync(folder, "baseline", "show");
        var dryRun = await InstalledTool.RunAsync(folder, "baseline", "prune", fewer, "--dry-run");
        var afterDryRun = await File.ReadAllTextAsync(path);
        var prune = await InstalledTool.RunAsync(folder, "baseline", "prune", fewer);
        var compare = await InstalledTool.RunAsync(folder, "compare", path, results);

        Assert.AreEqual(0, record.ExitCode, record.ToString());
        StringAssert.Contains(record.Output, "recorded 4 benchmark(s)");
        Assert.AreEqual(0, show.ExitCode, show.ToString());
        StringAssert.Contains(show.Output, "Sample.Work.Sum(N: 200)");
        Assert.AreEqual(0, dryRun.ExitCode, dryRun.ToString());
        StringAssert.Contains(dryRun.Output, "Sample.Work.Sum(N: 200)");
        StringAssert.Contains(afterDryRun, "Sample.Work.Sum(N: 200)", "--dry-run changes nothing");
        Assert.AreEqual(0, prune.ExitCode, prune.ToString());
        Assert.IsFalse((await File.ReadAllTextAsync(path)).Contains("Sample.Work.Sum(N: 200)", StringComparison.Ordinal));
        // The pruned benchmark is new to the baseline now: a WARN (PG1010), the rest pass.
        Assert.AreEqual(1, compare.ExitCode, compare.ToString());
        StringAssert.Contains(compare.Output, "PG1010");
    }

    [TestMethod]
    public async Task Baseline_record_names_entries_whose_processes_disagreed_by_the_fail_budget_as_the_build_does()
    {
        // Three reports, three processes: the third landed 40% slower, so a +10% regression could never fail against it.
        var folder = NewFolder();
        BenchmarkReports.Write(Path.Combine(folder, "results", "one-report-full.json"));
        BenchmarkReports.Write(Path.Combine(folder, "results", "two-report-full.json"));
        BenchmarkReports.Write(Path.Combine(folder, "results", "three-report-full.json"), timeFactor: 1.4);
        await File.WriteAllTextAsync(Path.Combine(folder, "wide.json"), """{ "defaults": { "time": { "warn": null, "fail": 100 } } }""");

        var builtIn = await InstalledTool.RunAsync(folder, "baseline", "record", "results", "--baseline", "a.json");
        var wide = await InstalledTool.RunAsync(folder, "baseline", "record", "results", "--baseline", "b.json", "--config", "wide.json");
        var missing = await InstalledTool.RunAsync(folder, "baseline", "record", "results", "--baseline", "c.json", "--config", "nope.json");

        Assert.AreEqual(0, builtIn.ExitCode, builtIn.ToString());
        // The fixture's two nanosecond benchmarks are left out: +10% of them is under the 0.3 ns noise floor.
        StringAssert.Contains(builtIn.Output, $"{Path.Combine(folder, "a.json")}: info PG0061: 2 benchmark(s) were recorded in processes so far apart");
        StringAssert.Contains(builtIn.Output, "Sample.Work.Sum(N: 100) (processes 40% apart, a FAIL must be proven past +");
        Assert.AreEqual(0, wide.ExitCode, wide.ToString());
        Assert.IsFalse(wide.Output.Contains("PG0061", StringComparison.Ordinal), "a +100% budget is far past a 40% spread: " + wide);
        Assert.AreEqual(3, missing.ExitCode, missing.ToString());
        StringAssert.Contains(missing.Error, "--config: nope.json: no such file");
        Assert.IsFalse(File.Exists(Path.Combine(folder, "c.json")), "nothing is recorded when the config cannot be read");
    }

    [TestMethod]
    public async Task Concurrent_appenders_leave_a_valid_history_and_a_malformed_line_is_reported_and_skipped()
    {
        var folder = NewFolder();
        var baseline = BenchmarkReports.Write(Path.Combine(folder, "base.json"));
        var history = Path.Combine(folder, "history.jsonl");

        // Two processes at a time, ten rounds: every append whole, none lost.
        for (var round = 0; round < 10; round++)
        {
            var appends = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => InstalledTool.RunAsync(folder, "compare", baseline, baseline, "--history", history)));
            Assert.IsTrue(appends.All(a => a.ExitCode == 0), string.Join("\n", appends.Select(a => a.ToString())));
        }

        var lines = await File.ReadAllLinesAsync(history);
        Assert.AreEqual(20, lines.Length);
        foreach (var line in lines)
        {
            Assert.AreEqual(4, HistoryLine.Parse(line).Cases.Count, line);
        }

        await File.WriteAllLinesAsync(history, [.. lines.Take(7), "{\"schema\":1,\"time\":", .. lines.Skip(7)]);
        var show = await InstalledTool.RunAsync(folder, "history", "show", "--file", history);
        Assert.AreEqual(0, show.ExitCode, show.ToString());
        StringAssert.Contains(show.Output, "20 run(s)");
        StringAssert.Contains(show.Error, "history.jsonl(8,1): skipped: not valid JSON");
    }

    [TestMethod]
    public async Task History_trend_keeps_to_the_newest_runs_machine_unless_told_otherwise()
    {
        // A CI cache shared by two runner types: 30 runs on one, then 12 on another that is 25% slower.
        var folder = NewFolder();
        var history = Path.Combine(folder, "history.jsonl");
        var fast = new PerfGate.Results.HostEnvironment("Linux", "Fast CPU", 4, 8, ".NET 10.0.12", "X64", "0.14.0");
        var slow = fast with { Processor = "Slow CPU", PhysicalCores = 2, LogicalCores = 2 };
        var runs = SyntheticHistory.StepAndCreep(runs: 42, stepAt: 1000)
            .Select((record, index) => index < 30
                ? record with { Environment = fast, Cases = [.. record.Cases.Where(c => c.Name.Contains("Flat", StringComparison.Ordinal))] }
                : record with { Environment = slow, Cases = [.. record.Cases.Where(c => c.Name.Contains("Flat", StringComparison.Ordinal)).Select(c => c with { MedianNs = c.MedianNs * 1.25 })] });
        await File.WriteAllLinesAsync(history, runs.Select(HistoryLine.Format));
        await File.WriteAllTextAsync(Path.Combine(folder, "perfgate.json"), """{ "defaults": { "drift": { "warn": 5 } } }""");

        var newestMachine = await InstalledTool.RunAsync(folder, "history", "trend", "--file", history);
        var allMachines = await InstalledTool.RunAsync(folder, "history", "trend", "--file", history, "--all-machines");
        var show = await InstalledTool.RunAsync(folder, "history", "show", "--file", history, "--last", "2");

        Assert.AreEqual(0, newestMachine.ExitCode, newestMachine.ToString());
        StringAssert.Contains(newestMachine.Error, "30 run(s) of another job or machine than the newest run's (job perfgate on Slow CPU (2 cores, Linux, X64)) left out; --all-machines includes them");
        StringAssert.Contains(newestMachine.Output, "12 run(s), 1 benchmark(s)");
        Assert.IsFalse(newestMachine.Output.Contains("at run", StringComparison.Ordinal), newestMachine.Output);
        Assert.IsTrue(allMachines.ExitCode is 0 or 1, allMachines.ToString());
        StringAssert.Contains(allMachines.Output, "42 run(s), 1 benchmark(s)");
        StringAssert.Matches(allMachines.Output, new System.Text.RegularExpressions.Regex(@"\+2[456]\.\d% at run 31 \("));
        StringAssert.Contains(show.Output, "Slow CPU (2 cores, Linux, X64)");
    }

    [TestMethod]
    public async Task History_trend_finds_a_step_at_its_run_and_reports_a_creep_and_the_html_report_renders()
    {
        var folder = NewFolder();
        var history = Path.Combine(folder, "history.jsonl");
        await File.WriteAllLinesAsync(history, SyntheticHistory.StepAndCreep(runs: 60, stepAt: 40).Select(HistoryLine.Format));
        var config = Path.Combine(folder, "perfgate.json");
        await File.WriteAllTextAsync(config, """{ "defaults": { "drift": { "warn": 5 } } }""");

        var trend = await InstalledTool.RunAsync(folder, "history", "trend", "--file", history);
        var show = await InstalledTool.RunAsync(folder, "history", "show", "--file", history, "--benchmark", "*Step*", "--last", "3");
        var html = Path.Combine(folder, "history.html");
        var report = await InstalledTool.RunAsync(folder, "history", "report", "--file", history, "--html", html);

        // The creep drifts past the 5% drift budget: exit code 1 (WARN), PG1040 naming where it began.
        Assert.AreEqual(1, trend.ExitCode, trend.ToString());
        StringAssert.Contains(trend.Output, "at run 40 (");
        StringAssert.Contains(trend.Output, "WARN PG1040: Synthetic.Trend.Creep");
        Assert.IsFalse(trend.Output.Contains("PG1040: Synthetic.Trend.Step", StringComparison.Ordinal), trend.Output);
        Assert.AreEqual(0, show.ExitCode, show.ToString());
        StringAssert.Contains(show.Output, "Synthetic.Trend.Step");
        Assert.AreEqual(0, report.ExitCode, report.ToString());
        var page = await Chromium.OpenAsync(html);
        StringAssert.Contains(page.Dom, "at run 40");
        StringAssert.Contains(page.Dom, "&lt;b&gt;");
        Assert.AreEqual(0, page.Dom.Split("<script").Length - 1, "the history page needs no script");
        Assert.IsFalse(page.Log.Contains("CONSOLE", StringComparison.Ordinal), page.Log);
    }

    [TestMethod]
    public async Task A_gated_build_appends_to_the_history_and_the_tool_reads_it_and_judges_its_results()
    {
        var scenario = Scenario.Create("HostileNames");
        try
        {
            var history = scenario.PathOf("ci cache", "history.jsonl");
            var record = await scenario.BuildAsync("Bench.csproj", null, ["-p:PerfGate=true", "-p:PerfGateUpdateBaseline=true", $"-p:PerfGateHistoryFile={history}", .. Scenario.FastJob]);
            Assert.AreEqual(0, record.ExitCode, record.Output);
            // The README's GitHub Actions recipe: an absolute history path with retention in days, then the HTML report
            // written into a folder that does not exist yet.
            var gate = await scenario.BuildAsync("Bench.csproj", null, ["-p:PerfGate=true", "-p:PerfGateForce=true", $"-p:PerfGateHistoryFile={history}", "-p:PerfGateHistoryRetention=365d", .. Scenario.FastJob]);
            Assert.AreEqual(0, gate.ExitCode, gate.Output);

            var lines = await File.ReadAllLinesAsync(history);
            Assert.AreEqual(2, lines.Length, string.Join("\n", lines));
            var recorded = HistoryLine.Parse(lines[0]);
            var gated = HistoryLine.Parse(lines[1]);
            Assert.AreEqual("record", recorded.Kind);
            Assert.AreEqual("gate", gated.Kind);
            Assert.AreEqual("Bench", gated.Project);
            var measured = gated.Cases.Single();
            StringAssert.Contains(measured.Name, "<script>alert('x')</script>");
            Assert.IsTrue(measured.MedianNs > 0 && measured.Samples >= 5, lines[1]);
            Assert.IsNotNull(gated.Environment);

            var show = await InstalledTool.RunAsync(scenario.Directory, "history", "show", "--file", history);
            Assert.AreEqual(0, show.ExitCode, show.ToString());
            StringAssert.Contains(show.Output, "2 run(s)");
            StringAssert.Contains(show.Output, "record");
            var report = await InstalledTool.RunAsync(scenario.Directory, "history", "report", "--file", history, "--html", "perfgate/history.html");
            Assert.AreEqual(0, report.ExitCode, report.ToString());
            StringAssert.Contains(await File.ReadAllTextAsync(scenario.PathOf("perfgate", "history.html")), "&lt;script&gt;alert(");

            // The build's own BenchmarkDotNet report judged by the tool against the recorded baseline: same machine, same job.
            // Any verdict (0 PASS, 1 WARN, 2 FAIL), not 3 (unreadable input): the tool judges the first run alone, and this
            // 2.5 ns case has measured +82% there while the build's confirmation rounds passed it (CI, 2026-12-06).
            var results = scenario.PathOf("obj", "Debug", "net10.0", "perfgate", "artifacts", "results");
            var compare = await InstalledTool.RunAsync(scenario.Directory, "compare", "perfgate.baseline.json", results);
            Assert.IsTrue(compare.ExitCode is 0 or 1 or 2, compare.ToString());
            StringAssert.Contains(compare.Output, "Markup.Length(Text: ");
            Assert.IsFalse(compare.Output.Contains("PG1006", StringComparison.Ordinal), "the job and machine match: time is comparable. " + compare);
        }
        catch
        {
            scenario.Keep();
            throw;
        }
    }
}
