using PerfGate.Diagnostics;
using PerfGate.Reports;
using PerfGate.Verdicts;

namespace PerfGate.Tasks.Tests;

[TestClass]
public sealed class ReplayGateReportTests
{
    [TestMethod]
    public async Task Reports_the_last_runs_warnings_again_where_they_were()
    {
        var path = Path.Combine(Path.GetTempPath(), $"perfgate-replay-{Guid.NewGuid():N}.json");
        var warning = new Finding(DiagnosticCatalog.NewBenchmark, Tier.Warn, "A.B.C: no baseline entry", new SourceLocation("/src/Bench.cs", 12, 17), "A.B.C");
        await ReportFile.WriteAsync(path, "/src/Bench.csproj", new GateResult([], [warning]));
        var engine = new RecordingBuildEngine();
        try
        {
            var replayed = new ReplayGateReport { BuildEngine = engine, ReportPath = path, ProjectPath = "/src/Bench.csproj" }.Execute();

            Assert.IsTrue(replayed);
            var logged = engine.Warnings.Single();
            Assert.AreEqual("PG1010", logged.Code);
            Assert.AreEqual(("/src/Bench.cs", 12, 17), (logged.File, logged.LineNumber, logged.ColumnNumber));
            Assert.AreEqual("A.B.C: no baseline entry", logged.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public void A_missing_or_damaged_report_replays_nothing_and_fails_nothing()
    {
        var damaged = Path.Combine(Path.GetTempPath(), $"perfgate-replay-{Guid.NewGuid():N}.json");
        File.WriteAllText(damaged, "{ not json");
        var engine = new RecordingBuildEngine();
        try
        {
            Assert.IsTrue(new ReplayGateReport { BuildEngine = engine, ReportPath = "/nonexistent/report.json", ProjectPath = "/src/Bench.csproj" }.Execute());
            Assert.IsTrue(new ReplayGateReport { BuildEngine = engine, ReportPath = damaged, ProjectPath = "/src/Bench.csproj" }.Execute());
            Assert.AreEqual(0, engine.Warnings.Count + engine.Errors.Count);
        }
        finally
        {
            File.Delete(damaged);
        }
    }
}
