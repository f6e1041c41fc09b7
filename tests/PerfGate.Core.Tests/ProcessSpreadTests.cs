using PerfGate.Baselines;
using PerfGate.Configuration;
using PerfGate.Diagnostics;
using PerfGate.Gating;
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
        // The pooled median is 102: the fastest process landed 2% below it, the slowest 2% above.
        Assert.AreEqual(100.0 / 102, entry.ProcessNoise.FastestRatio, 0.001);
        Assert.AreEqual(104.0 / 102, entry.ProcessNoise.SlowestRatio, 0.001);
        Assert.AreEqual(0.04, entry.ProcessNoise.Spread, 0.001);
        Assert.AreEqual(ProcessNoise.None, PerfGate.Baselines.Baseline.Empty.UpdatedWith(Run(Result("Sum", 100)), null).Entries["Sample.Work.Sum"].ProcessNoise);
    }

    [TestMethod]
    public void One_process_margins_are_half_the_budget_and_noisy_processes_widen_them_from_both_ends()
    {
        Assert.AreEqual(0.05, ProcessNoise.None.MarginFor(new Percent(10)), 1e-9);
        Assert.IsFalse(ProcessNoise.None.WidensMarginFor(new Percent(10)));

        // Fastest 5% below the pooled median, slowest 5% above: the slowest plus a quarter of the budget sets the margin.
        var noisy = new ProcessNoise(0.95, 1.05);
        Assert.AreEqual((1.05 * 1.025) - 1, noisy.MarginFor(new Percent(10)), 1e-9);
        Assert.IsTrue(noisy.WidensMarginFor(new Percent(10)));

        // Recorded mostly in a slow mode: the margin is measured from the fast mode, so it is smaller than half the budget.
        var slowMode = new ProcessNoise(100.0 / 105, 1);
        Assert.AreEqual(0.025, slowMode.MarginFor(new Percent(10)), 1e-9);
        Assert.IsTrue(slowMode.NarrowsMarginFor(new Percent(10)));
        Assert.IsFalse(slowMode.WidensMarginFor(new Percent(10)));
        Assert.IsFalse(ProcessNoise.None.NarrowsMarginFor(new Percent(10)));
        Assert.IsFalse(noisy.NarrowsMarginFor(new Percent(10)));
    }

    [TestMethod]
    public void The_evidence_says_what_set_the_margin()
    {
        var rule = new RobustTimeComparisonRule();

        var oneProcess = rule.Compare(Samples.Around(100), Samples.Around(120), Budget);
        // The fastest recording process 0.5% below the pooled median, the slowest 2% above: half the budget above the
        // fastest is 4.48%, a quarter above the slowest 4.55%; the slowest sets the margin, under half the budget.
        var slowestSets = rule.Compare(Samples.Around(100), Samples.Around(120), Budget, new ProcessNoise(0.995, 1.02));
        // The slowest only 0.5% above: a quarter above it is 3.01%, so half the budget above the fastest, 4.48%, sets it.
        var fastestSets = rule.Compare(Samples.Around(100), Samples.Around(120), Budget, new ProcessNoise(0.995, 1.005));

        Assert.AreEqual(Tier.Fail, oneProcess.Level);
        StringAssert.Contains(oneProcess.Evidence, "more than 5% (half the budget) slower");
        Assert.AreEqual(Tier.Fail, slowestSets.Level);
        StringAssert.Contains(slowestSets.Evidence, "more than 4.55% (a quarter of the budget above the baseline's slowest recording process) slower");
        Assert.AreEqual(Tier.Fail, fastestSets.Level);
        StringAssert.Contains(fastestSets.Evidence, "more than 4.48% (half the budget above the baseline's fastest recording process) slower");
    }

    [TestMethod]
    public void A_shift_inside_the_recorded_spread_is_never_a_regression_and_one_beyond_it_is()
    {
        var rule = new RobustTimeComparisonRule();
        var noise = new ProcessNoise(0.95, 1.05);

        var withoutSpread = rule.Compare(Samples.Around(100), Samples.Around(105.5), Budget);
        var insideSpread = rule.Compare(Samples.Around(100), Samples.Around(105.5), Budget, noise);
        var beyondSpread = rule.Compare(Samples.Around(100), Samples.Around(120), Budget, noise);

        Assert.AreEqual(Tier.Warn, withoutSpread.Level);
        Assert.AreEqual(Tier.Pass, insideSpread.Level, insideSpread.Evidence);
        Assert.AreEqual(Tier.Fail, beyondSpread.Level);
        StringAssert.Contains(beyondSpread.Evidence, "more than 7.62% (allowing for the spread between the baseline's recording processes)");
    }

    [TestMethod]
    public void A_pass_whose_budget_the_recorded_spread_swallows_says_that_it_could_not_have_seen_it()
    {
        // One of three recording processes landed 12% slow: a FAIL must clear it by a quarter of the budget (about +14%), so a
        // +10% slowdown passes however quiet this run is, and the run must say so (PG0060) rather than pass silently.
        var baseline = PerfGate.Baselines.Baseline.Empty.UpdatedWith([Run(Result("Sum", 100)), Run(Result("Sum", 100)), Run(Result("Sum", 112))], null);

        var slowed = Evaluate(Request(Run(Result("Sum", 110)), baseline));

        Assert.AreEqual(Tier.Pass, slowed.Verdict);
        var sum = slowed.Outcomes.Single();
        Assert.IsTrue(sum.SmallestDetectableChange > 0.1, $"{sum.SmallestDetectableChange}");
        var note = slowed.Findings.Single();
        Assert.AreEqual("PG0060", note.Code);
        StringAssert.Contains(note.Message, "Sample.Work.Sum (smallest provable slowdown +");
        // The same quiet run against a baseline whose processes agreed resolves the budget and fails.
        var agreed = PerfGate.Baselines.Baseline.Empty.UpdatedWith([Run(Result("Sum", 100)), Run(Result("Sum", 100)), Run(Result("Sum", 100))], null);
        CollectionAssert.AreEqual(new[] { "PG2001" }, Codes(Evaluate(Request(Run(Result("Sum", 110)), agreed))));
    }

    [TestMethod]
    public void A_baseline_that_recorded_the_slow_mode_of_a_bimodal_benchmark_still_catches_a_slowdown_measured_in_its_fast_mode()
    {
        // Two of three recording processes in the slow mode (105), one in the fast mode (100): the pooled median is slow.
        var baseline = PerfGate.Baselines.Baseline.Empty.UpdatedWith([Run(Result("Sum", 105)), Run(Result("Sum", 100)), Run(Result("Sum", 105))], null);

        var slowedInFastMode = Evaluate(Request(Run(Result("Sum", 110)), baseline));
        var unchangedSlowMode = Evaluate(Request(Run(Result("Sum", 105)), baseline));
        var unchangedFastMode = Evaluate(Request(Run(Result("Sum", 100)), baseline));

        // +10% on the fast mode is +4.8% against the pooled median: under half the budget, and a FAIL all the same.
        CollectionAssert.AreEqual(new[] { "PG2001" }, Codes(slowedInFastMode));
        Assert.AreEqual(Tier.Pass, unchangedSlowMode.Verdict, string.Join("; ", unchangedSlowMode.Findings.Select(f => f.Message)));
        Assert.AreEqual(Tier.Pass, unchangedFastMode.Verdict);
    }

    [TestMethod]
    public void A_rare_slow_process_is_kept_so_the_next_run_that_reaches_that_state_is_no_regression()
    {
        // The 12 ns benchmark's rare slow state: one process at 19 ns among five at 12.3 to 12.6 ns. Leaving it out would
        // make the next run in that state a +50% "regression" of unchanged code.
        var runs = new[] { 12.5, 12.4, 19.0, 12.6, 12.3, 12.5 }.Select(m => Run(Result("Allocate", m))).ToArray();
        var baseline = PerfGate.Baselines.Baseline.Empty.UpdatedWith(runs, null);

        var entry = baseline.Entries["Sample.Work.Allocate"];
        var slowStateAgain = Evaluate(Request(Run(Result("Allocate", 19.2)), baseline));

        Assert.AreEqual(6, entry.ProcessMediansNs!.Count);
        Assert.AreEqual(90, entry.SamplesNs.Count);
        Assert.AreEqual(Tier.Pass, slowStateAgain.Verdict, string.Join("; ", slowStateAgain.Findings.Select(f => f.Message)));
    }

    [TestMethod]
    public void Benchmarks_whose_processes_disagree_by_more_than_half_the_smallest_budget_are_unsettled()
    {
        var runs = new[]
        {
            Run(Result("Steady", 100), Result("Odd", 100)),
            Run(Result("Steady", 101), Result("Odd", 100.5)),
            Run(Result("Steady", 100.5), Result("Odd", 112)),
        };

        var unsettled = UnsettledBenchmarks.Find(runs, GateConfig.BuiltIn);

        CollectionAssert.AreEqual(new[] { "Sample.Work.Odd" }, unsettled.Select(r => r.Key).ToArray());
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
            Assert.AreEqual(0.03, read.Entries["Sample.Work.Sum"].ProcessNoise.Spread, 0.002);

            await File.WriteAllTextAsync(path, text.Replace("\"processMediansNs\": [100, 103],", string.Empty, StringComparison.Ordinal));
            Assert.AreEqual(ProcessNoise.None, (await BaselineFile.ReadAsync(path)).Entries["Sample.Work.Sum"].ProcessNoise);

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
