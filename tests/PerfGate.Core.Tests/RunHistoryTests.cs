using PerfGate.Configuration;
using PerfGate.Diagnostics;
using PerfGate.Gating;
using PerfGate.History;
using PerfGate.Reports;
using PerfGate.Results;
using PerfGate.Running;
using static PerfGate.Core.Tests.TestData;

namespace PerfGate.Core.Tests;

/// <summary>A gated run's place in the history: appended, drift checked against the config, problems reported, verdict kept.</summary>
[TestClass]
public sealed class RunHistoryTests
{
    private sealed class NullLog : IGateLog
    {
        public void Detail(string message)
        {
        }

        public void Progress(string message)
        {
        }

        public void Summary(string message)
        {
        }
    }

    private static GateSettings Settings(string folder, string? history, string? config = null) =>
        new(Path.Combine(folder, "Bench.csproj"), folder, Path.Combine(folder, "perfgate.baseline.json"), config, UpdateBaseline: false, UpdateReason: null,
            FailOnRegression: true, ConfirmRegressions: true,
            new BenchmarkRunSettings("dotnet", Path.Combine(folder, "Bench.dll"), Path.Combine(folder, "artifacts"), [], "perfgate", null, null, null, [], TimeSpan.FromMinutes(1)),
            [], HistoryFile: history);

    [TestMethod]
    public async Task Each_run_is_appended_and_a_drift_past_the_budget_is_a_finding_at_its_level()
    {
        var folder = TempFolders.New("perfgate-runhistory-");
        var history = Path.Combine(folder, "history.jsonl");
        var config = Path.Combine(folder, "perfgate.json");
        await File.WriteAllTextAsync(config, """{ "defaults": { "drift": { "warn": 5, "fail": 20 } } }""");
        var settings = Settings(folder, history, config);

        // Twenty runs at 100 ns, then five at 108 ns: +8% over the last five, a WARN (not the FAIL of 20%).
        IReadOnlyList<Finding> findings = [];
        for (var run = 0; run < 25; run++)
        {
            var result = Evaluate(Request(Run(Result("Sum", run < 20 ? 100 : 108)), Baseline(Result("Sum", 100))));
            findings = await RunHistory.AppendAndCheckAsync(settings, result, new NullLog(), CancellationToken.None);
        }

        var content = await HistoryFile.ReadAsync(history);
        Assert.AreEqual(25, content.Records.Count);
        Assert.AreEqual("gate", content.Records[0].Kind);
        var drift = findings.Single(f => f.Rule == DiagnosticCatalog.Drift);
        Assert.AreEqual("PG1040", drift.Code);
        StringAssert.Contains(drift.Message, "Sample.Work.Sum: drifted +8");
        StringAssert.Contains(drift.Message, "the shift began at run 21 of the history");
    }

    [TestMethod]
    public async Task Runs_on_another_machine_are_not_a_drift_and_run_numbers_stay_those_of_the_whole_history()
    {
        // A CI cache shared by two runner types: 20 runs at 100 ns on one, then runs at 120 ns on a slower one. That is no
        // drift; a change on the slower machine itself is, named by its run number in the whole file.
        var folder = TempFolders.New("perfgate-runhistory-");
        var history = Path.Combine(folder, "history.jsonl");
        var config = Path.Combine(folder, "perfgate.json");
        await File.WriteAllTextAsync(config, """{ "defaults": { "drift": { "warn": 5 } } }""");
        var settings = Settings(folder, history, config);
        var slower = Host with { Processor = "Slower CPU" };
        async Task<IReadOnlyList<Finding>> GateAsync(HostEnvironment machine, double medianNs) =>
            await RunHistory.AppendAndCheckAsync(settings, Evaluate(Request(new BenchmarkRun(machine, [Result("Sum", medianNs)]), Baseline(Result("Sum", 100)))),
                new NullLog(), CancellationToken.None);

        for (var run = 1; run <= 20; run++)
        {
            await GateAsync(Host, 100);
        }

        var onTheOtherMachine = new List<Finding>();
        for (var run = 21; run <= 35; run++)
        {
            onTheOtherMachine.AddRange(await GateAsync(slower, 120));
        }

        IReadOnlyList<Finding> changed = [];
        for (var run = 36; run <= 40; run++)
        {
            changed = await GateAsync(slower, 132);
        }

        Assert.IsFalse(onTheOtherMachine.Any(f => f.Rule == DiagnosticCatalog.Drift), string.Join("; ", onTheOtherMachine.Select(f => f.Message)));
        var drift = changed.Single(f => f.Rule == DiagnosticCatalog.Drift);
        StringAssert.Contains(drift.Message, "drifted +10");
        StringAssert.Contains(drift.Message, "the shift began at run 36 of the history");
    }

    [TestMethod]
    public void Runs_of_another_job_or_machine_are_not_comparable_and_a_runtime_upgrade_is()
    {
        HistoryRecord Run(string job, HostEnvironment? machine) => new(DateTimeOffset.UnixEpoch, "gate", "P", "PASS", null, null, null, job, machine, []);
        var here = Run("perfgate", Host);

        Assert.IsTrue(here.IsComparableWith(Run("perfgate", Host with { Runtime = ".NET 10.0.13" })));
        Assert.IsTrue(here.IsComparableWith(Run("perfgate", null)));
        Assert.IsFalse(here.IsComparableWith(Run("perfgate", Host with { LogicalCores = 4 })));
        Assert.IsFalse(here.IsComparableWith(Run("perfgate", Host with { Processor = "Other" })));
        Assert.IsFalse(here.IsComparableWith(Run("default", Host)));
    }

    [TestMethod]
    public async Task Without_a_drift_budget_nothing_is_reported_and_off_means_no_file()
    {
        var folder = TempFolders.New("perfgate-runhistory-");
        var history = Path.Combine(folder, "history.jsonl");
        for (var run = 0; run < 25; run++)
        {
            var result = Evaluate(Request(Run(Result("Sum", run < 20 ? 100 : 130)), Baseline(Result("Sum", 100))));
            Assert.AreEqual(0, (await RunHistory.AppendAndCheckAsync(Settings(folder, history), result, new NullLog(), CancellationToken.None)).Count(f => f.Rule == DiagnosticCatalog.Drift));
        }

        var off = Path.Combine(folder, "off");
        Directory.CreateDirectory(off);
        await RunHistory.AppendAndCheckAsync(Settings(off, null), Evaluate(Request(Run(Result("Sum", 100)), Baseline(Result("Sum", 100)))), new NullLog(), CancellationToken.None);
        Assert.AreEqual(0, Directory.EnumerateFiles(off).Count());
    }

    [TestMethod]
    public async Task An_unwritable_history_is_PG1041_and_bad_lines_are_one_PG1042()
    {
        var folder = TempFolders.New("perfgate-runhistory-");
        var result = Evaluate(Request(Run(Result("Sum", 100)), Baseline(Result("Sum", 100))));

        // A folder where the file should be cannot be appended to.
        var folderAsFile = Directory.CreateDirectory(Path.Combine(folder, "history.jsonl")).FullName;
        var unwritable = await RunHistory.AppendAndCheckAsync(Settings(folder, folderAsFile), result, new NullLog(), CancellationToken.None);

        var history = Path.Combine(folder, "other.jsonl");
        await File.WriteAllLinesAsync(history, ["garbage", "{\"schema\":7}"]);
        var config = Path.Combine(folder, "perfgate.json");
        await File.WriteAllTextAsync(config, """{ "defaults": { "drift": { "warn": 5 } } }""");
        var skipped = await RunHistory.AppendAndCheckAsync(Settings(folder, history, config), result, new NullLog(), CancellationToken.None);

        Assert.AreEqual("PG1041", unwritable.Single().Code);
        StringAssert.Contains(unwritable.Single().Message, "history.jsonl");
        var problem = skipped.Single();
        Assert.AreEqual("PG1042", problem.Code);
        StringAssert.Contains(problem.Message, "2 line(s)");
        StringAssert.Contains(problem.Message, "line 1:");
        Assert.AreEqual(1, problem.Location!.Line);
        Assert.AreEqual(1, (await HistoryFile.ReadAsync(history)).Records.Count, "this run was appended all the same");
    }
}
