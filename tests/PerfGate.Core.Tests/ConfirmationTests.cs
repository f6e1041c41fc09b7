using PerfGate.Diagnostics;
using PerfGate.Verdicts;
using static PerfGate.Core.Tests.TestData;

namespace PerfGate.Core.Tests;

/// <summary>A time FAIL or BLOCK must repeat in every confirmation run, each in a new process, before it fails the build.</summary>
[TestClass]
public sealed class ConfirmationTests
{
    private static readonly PerfGate.Baselines.Baseline Before = Baseline(Result("Sum", 100), Result("Parse", 500));
    private static readonly PerfGate.Results.BenchmarkRun Slow = Run(Result("Sum", 300), Result("Parse", 500));

    [TestMethod]
    public void The_benchmarks_to_confirm_are_the_time_failures_only()
    {
        var request = Request(Run(Result("Sum", 300), Result("Parse", 500, allocated: 64)), Before);

        CollectionAssert.AreEqual(new[] { "Sample.Work.Sum" }, new GateEvaluator(new PerfGate.Statistics.RobustTimeComparisonRule()).ToConfirm(request).ToArray());
    }

    [TestMethod]
    public void A_regression_that_repeats_fails_and_says_so()
    {
        var result = Evaluate(Request(Slow, Before, confirmations: [Run(Result("Sum", 290)), Run(Result("Sum", 310))]));

        var finding = result.Findings.Single();
        Assert.AreEqual("PG2001", finding.Code);
        StringAssert.Contains(finding.Message, "confirmed by 3 of 3 runs, each in a new process (+190.0%, +210.0% in the confirmation runs)");
    }

    [TestMethod]
    public void A_regression_must_repeat_in_every_confirmation_run()
    {
        var result = Evaluate(Request(Slow, Before, confirmations: [Run(Result("Sum", 290)), Run(Result("Sum", 100.5))]));

        CollectionAssert.AreEqual(new[] { "PG0060" }, Codes(result), "dismissed: no warning, only the note that the run could not resolve the budget");
        StringAssert.Contains(result.Outcomes.Single(o => o.Key == "Sample.Work.Sum").TimeEvidence, "dismissed as noise: it did not repeat in confirmation run 2, in a new process (+0.5% there)");
    }

    [TestMethod]
    public void A_regression_that_does_not_repeat_at_all_is_dismissed_and_the_row_says_why()
    {
        var result = Evaluate(Request(Slow, Before, confirmations: [Run(Result("Sum", 101))]));

        Assert.AreEqual(Tier.Pass, result.Verdict);
        CollectionAssert.AreEqual(new[] { "PG0060" }, Codes(result), "dismissed: no warning, only the note that the run could not resolve the budget");
        var row = result.Outcomes.Single(o => o.Key == "Sample.Work.Sum");
        Assert.AreEqual("PASS", row.Status);
        StringAssert.Contains(row.TimeEvidence, "that it is more than 5% (half the budget) slower");
        StringAssert.Contains(row.TimeEvidence, "dismissed as noise: it did not repeat in confirmation run 1, in a new process (+1.0% there)");
        StringAssert.Contains(result.Findings.Single().Message, "Sample.Work.Sum (a first-round FAIL at +200.0% that a confirmation run did not repeat, budget +10%)");
    }

    [TestMethod]
    public void A_regression_that_repeats_only_at_the_warning_level_is_a_warning()
    {
        // +200% first, then +4%: the confirmation proves a slowdown past half the 5% WARN budget, not past half the 10% FAIL budget.
        var result = Evaluate(Request(Slow, Before, confirmations: [Run(Result("Sum", 104))]));

        var finding = result.Findings.Single();
        Assert.AreEqual("PG1001", finding.Code);
        StringAssert.Contains(finding.Message, "only a warning: confirmation run 1, in a new process, proved only the WARN level (+4.0% there)");
        Assert.AreEqual("WARN", result.Outcomes.Single(o => o.Key == "Sample.Work.Sum").Status);
    }

    [TestMethod]
    public void A_regression_that_each_confirmation_run_proves_but_one_only_at_the_warning_level_fails_when_the_runs_together_prove_it()
    {
        // A benchmark whose processes spread as wide as the regression: each confirmation run lands about +8% slower, the
        // first with so wide a spread that it proves only a slowdown past half the WARN budget on its own.
        var wide = Run(Result("Sum", 108) with { SamplesNs = Samples.Around(108, 15, 0.09) });
        var tight = Run(Result("Sum", 108) with { SamplesNs = Samples.Around(108, 15, 0.03) });

        var alone = Evaluate(Request(Slow, Before, confirmations: [wide]));
        var together = Evaluate(Request(Slow, Before, confirmations: [wide, tight]));

        Assert.AreEqual("PG1001", alone.Findings.Single().Code, "one run that proves only the WARN level is a warning");
        var finding = together.Findings.Single();
        Assert.AreEqual("PG2001", finding.Code);
        StringAssert.Contains(finding.Message, "confirmed by the 2 confirmation runs together, each in new processes: +8.0% over all their iterations (+8.0%, +8.0% in each; run 1 alone proved only the WARN level)");
    }

    [TestMethod]
    public void A_confirmation_run_that_measures_past_the_fail_margin_but_proves_nothing_is_measured_again_and_the_runs_together_decide()
    {
        // About +9% in a confirmation run whose processes spread +-40%: no level proven, but no sign of noise either.
        var noisy = Run(Result("Sum", 109) with { SamplesNs = Samples.Around(109, 15, 0.4) });
        var tight = Run(Result("Sum", 110) with { SamplesNs = Samples.Around(110, 15, 0.03) });
        var evaluator = new GateEvaluator(new PerfGate.Statistics.RobustTimeComparisonRule());

        var open = Request(Slow, Before, confirmations: [noisy]);
        var alone = Evaluate(open);
        var together = Evaluate(Request(Slow, Before, confirmations: [noisy, tight]));

        CollectionAssert.AreEqual(new[] { "Sample.Work.Sum" }, evaluator.ToConfirm(open).ToArray(), "measured once more");
        Assert.AreEqual(Tier.Pass, alone.Verdict, "with no round left, no warning");
        StringAssert.Contains(alone.Outcomes.Single(o => o.Key == "Sample.Work.Sum").TimeEvidence,
            "dismissed as noise: confirmation run 1, in a new process, measured +9.0% but proved no level");
        var finding = together.Findings.Single();
        Assert.AreEqual("PG2001", finding.Code);
        StringAssert.Contains(finding.Message, "run 1 alone measured past the FAIL margin but proved no level");
    }

    [TestMethod]
    public void Confirmation_runs_that_together_prove_only_the_warning_level_leave_a_warning()
    {
        // The first run (+200%) is not part of the pooled sample: with it, the rounds together would prove a FAIL.
        var small = Run(Result("Sum", 104));

        var result = Evaluate(Request(Slow, Before, confirmations: [small, small]));

        Assert.AreEqual("PG1001", result.Findings.Single().Code);
        StringAssert.Contains(result.Findings.Single().Message, "only a warning: confirmation run 1, in a new process, proved only the WARN level (+4.0% there)");
    }

    [TestMethod]
    public async Task The_verdict_is_the_lower_level_of_the_two_runs()
    {
        var config = await ConfigAsync("""{ "defaults": { "time": { "block": 100 } } }""");

        var result = Evaluate(Request(Slow, Before, config, confirmations: [Run(Result("Sum", 150)), Run(Result("Sum", 400))]));

        Assert.AreEqual("PG2001", result.Findings.Single().Code);
    }

    [TestMethod]
    public void A_confirmation_run_that_measured_nothing_leaves_the_first_verdict()
    {
        var result = Evaluate(Request(Slow, Before, confirmations: [Run()]));

        var finding = result.Findings.Single();
        Assert.AreEqual("PG2001", finding.Code);
        StringAssert.Contains(finding.Message, "no confirmation run could measure it");
    }

    [TestMethod]
    public void A_confirmation_run_that_measured_nothing_is_skipped_and_the_next_one_decides()
    {
        var repeated = Evaluate(Request(Slow, Before, confirmations: [Run(), Run(Result("Sum", 290))]));
        var notRepeated = Evaluate(Request(Slow, Before, confirmations: [Run(), Run(Result("Sum", 100.5))]));

        StringAssert.Contains(repeated.Findings.Single().Message, "confirmed by 2 of 2 runs, each in a new process (+190.0% in the confirmation runs)");
        CollectionAssert.AreEqual(new[] { "PG0060" }, Codes(notRepeated), "dismissed: no warning, only the note that the run could not resolve the budget");
        StringAssert.Contains(notRepeated.Outcomes.Single(o => o.Key == "Sample.Work.Sum").TimeEvidence, "did not repeat in confirmation run 2");
    }
}
