using PerfGate.Baselines;
using PerfGate.Configuration;
using PerfGate.Diagnostics;
using PerfGate.Statistics;
using static PerfGate.Core.Tests.TestData;

namespace PerfGate.Core.Tests;

/// <summary>Baselines recorded in several processes keep each benchmark's between-process spread, and the time rule honours it.</summary>
[TestClass]
public sealed class ProcessSpreadTests
{
    private static readonly LevelThresholds Budget = new(new Percent(5), new Percent(10), null);

    [TestMethod]
    public void Recording_several_processes_pools_the_samples_and_keeps_each_process_median()
    {
        var baseline = PerfGate.Baselines.Baseline.Empty.UpdatedWith([Run(Result("Sum", 100)), Run(Result("Sum", 104)), Run(Result("Sum", 102))], "three processes");

        var entry = baseline.Entries["Sample.Work.Sum"];
        Assert.AreEqual(45, entry.SamplesNs.Count);
        CollectionAssert.AreEqual(new[] { 100.0, 104.0, 102.0 }, entry.ProcessMediansNs!.Select(m => Math.Round(m, 6)).ToArray());
        // The pooled median is 102: the farthest process landed 2% away.
        Assert.AreEqual(0.02, entry.ProcessSpread, 0.001);
        Assert.AreEqual(0, PerfGate.Baselines.Baseline.Empty.UpdatedWith(Run(Result("Sum", 100)), null).Entries["Sample.Work.Sum"].ProcessSpread);
    }

    [TestMethod]
    public void A_shift_inside_the_recorded_spread_is_never_a_regression_and_one_beyond_it_is()
    {
        var rule = new RobustTimeComparisonRule();

        var withoutSpread = rule.Compare(Samples.Around(100), Samples.Around(108), Budget);
        var insideSpread = rule.Compare(Samples.Around(100), Samples.Around(108), Budget, processSpread: 0.09);
        var beyondSpread = rule.Compare(Samples.Around(100), Samples.Around(120), Budget, processSpread: 0.09);

        Assert.AreEqual(Tier.Fail, withoutSpread.Level);
        Assert.AreEqual(Tier.Pass, insideSpread.Level);
        Assert.AreEqual(Tier.Fail, beyondSpread.Level);
        StringAssert.Contains(beyondSpread.Evidence, "more than 9% (the spread between the baseline's recording processes)");
    }

    [TestMethod]
    public void The_evaluator_uses_the_spread_of_the_baseline_entry()
    {
        // Processes at 100, 118 and 104: pooled median about 104, the farthest 13% away.
        var noisy = PerfGate.Baselines.Baseline.Empty.UpdatedWith([Run(Result("Sum", 100)), Run(Result("Sum", 118)), Run(Result("Sum", 104))], null);

        var result = Evaluate(Request(Run(Result("Sum", 114)), noisy));
        var beyond = Evaluate(Request(Run(Result("Sum", 140)), noisy));

        Assert.AreEqual(Tier.Pass, result.Verdict, string.Join("; ", result.Findings.Select(f => f.Message)));
        CollectionAssert.AreEqual(new[] { "PG2001" }, Codes(beyond));
    }

    [TestMethod]
    public async Task Process_medians_are_written_and_read_back_and_an_old_single_process_file_still_loads()
    {
        var directory = Directory.CreateTempSubdirectory("perfgate-spread-").FullName;
        try
        {
            var path = Path.Combine(directory, "perfgate.baseline.json");
            await BaselineFile.WriteAsync(path, PerfGate.Baselines.Baseline.Empty.UpdatedWith([Run(Result("Sum", 100)), Run(Result("Sum", 103))], null));
            var text = await File.ReadAllTextAsync(path);
            var read = await BaselineFile.ReadAsync(path);

            StringAssert.Contains(text, "\"processMediansNs\": [100, 103]");
            Assert.AreEqual(0.015, read.Entries["Sample.Work.Sum"].ProcessSpread, 0.002);

            await File.WriteAllTextAsync(path, text.Replace("\"processMediansNs\": [100, 103],", string.Empty, StringComparison.Ordinal));
            Assert.AreEqual(0, (await BaselineFile.ReadAsync(path)).Entries["Sample.Work.Sum"].ProcessSpread);

            await File.WriteAllTextAsync(path, text.Replace("[100, 103]", "[100]", StringComparison.Ordinal));
            var error = await Assert.ThrowsExactlyAsync<PerfGate.Diagnostics.PerfGateFileException>(() => BaselineFile.ReadAsync(path));
            StringAssert.Contains(error.Problem, "processMediansNs");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
