using PerfGate.Diagnostics;
using PerfGate.Results;
using PerfGate.Verdicts;
using static PerfGate.Core.Tests.TestData;

namespace PerfGate.Core.Tests;

/// <summary>A/B mode (PerfGateCompareWith): time is judged against the base build measured beside this one.</summary>
[TestClass]
public sealed class AbEvaluationTests
{
    [TestMethod]
    public void An_unchanged_build_passes_against_its_base_with_no_baseline_and_no_PG1012()
    {
        var result = Evaluate(AbRequest(Run(Result("Sum", 100)), Run(Result("Sum", 100))));

        Assert.AreEqual(Tier.Pass, result.Verdict);
        Assert.AreEqual(0, result.Findings.Count);
        Assert.AreEqual(100, result.Outcomes.Single().BaselineMedianNs!.Value, 1);
    }

    [TestMethod]
    public void A_slowdown_against_the_base_fails_at_the_method_and_names_the_base()
    {
        var result = Evaluate(AbRequest(Run(Result("Sum", 300)), Run(Result("Sum", 100))));

        var finding = result.Findings.Single();
        Assert.AreEqual("PG2001", finding.Code);
        Assert.AreEqual("/repo/bench/Sum.cs", finding.Location!.File);
        StringAssert.Contains(finding.Message, "100 ns -> 300 ns");
        StringAssert.Contains(finding.Message, "compared with the base build of origin/main (merge base 1a2b3c4d5e)");
    }

    [TestMethod]
    public async Task Launches_together_on_one_cpu_say_so_and_leave_absolute_time_limits_unjudged()
    {
        // Both sides ran at the same time on CPU 0, each about twice as slow as alone: maxTime would fail every benchmark.
        var config = await ConfigAsync("""{ "benchmarks": [ { "match": "Sample.Work.*", "maxTime": "150ns", "maxAllocatedBytes": 0, "maxP99": "150ns" } ] }""");
        var shared = AbRequest(Run(Result("Sum", 300, allocated: 24)), Run(Result("Sum", 100)), config: config) with { SharedCpu = 0 };

        var result = Evaluate(shared);

        CollectionAssert.AreEquivalent(new[] { "PG2001", "PG2002", "PG2004" }, Codes(result));
        StringAssert.Contains(result.Findings.First(f => f.Code == "PG2001").Message, "measured at the same time as this build, both sharing CPU 0");
        // Taking turns, the same times are lone times, and the limits apply.
        CollectionAssert.IsSubsetOf(new[] { "PG2003", "PG2030" }, Codes(Evaluate(shared with { SharedCpu = null })).ToArray());
    }

    [TestMethod]
    public void Launches_together_are_compared_pair_by_pair_so_phases_both_builds_shared_do_not_hide_a_regression()
    {
        // Three pairs of launches, the second and third in slow phases of the shared CPU that hit both builds alike; this
        // build is 10% slower inside every pair. Pooled, the phases spread both sides so wide that the change is unproven.
        var baseRun = Run(Launched("Sum", 100, 130, 115));
        var slower = Run(Launched("Sum", 110, 143, 126.5));
        var unchanged = Run(Launched("Sum", 100.4, 129.6, 115.3));

        var together = Evaluate(AbRequest(slower, baseRun) with { SharedCpu = 0 });
        var turns = Evaluate(AbRequest(slower, baseRun));

        var finding = together.Findings.Single();
        Assert.AreEqual("PG2001", finding.Code);
        StringAssert.Contains(together.Outcomes.Single().TimeEvidence, TimeJudge.PairedEvidence);
        // Taking turns, a pair's launches are seconds apart and each catches its own phase: they are not paired.
        Assert.AreEqual(Tier.Pass, turns.Verdict);
        Assert.IsFalse(turns.Outcomes.Single().TimeEvidence!.Contains(TimeJudge.PairedEvidence, StringComparison.Ordinal));
        Assert.AreEqual(0, Evaluate(AbRequest(unchanged, baseRun) with { SharedCpu = 0 }).Findings.Count, "unchanged code under the same phases passes");
    }

    /// <summary>A result measured in one launch per centre, five iterations each, 1% apart.</summary>
    private static BenchmarkResult Launched(string method, params double[] launchCentres)
    {
        var launches = launchCentres.Select(centre => (IReadOnlyList<double>)Samples.Around(centre, 5)).ToArray();
        return Result(method, 0, count: 0) with { SamplesNs = launches.SelectMany(l => l).ToArray(), LaunchSamplesNs = launches };
    }

    [TestMethod]
    public void The_base_decides_time_even_when_the_committed_baseline_was_measured_elsewhere()
    {
        // A baseline from another machine would cap time at PG1006; the base build was measured here, beside this run.
        var elsewhere = Baseline(Result("Sum", 50)) with { Environment = Host with { Processor = "Another CPU" } };

        var unchanged = Evaluate(AbRequest(Run(Result("Sum", 100)), Run(Result("Sum", 100)), elsewhere));
        var slower = Evaluate(AbRequest(Run(Result("Sum", 300)), Run(Result("Sum", 100)), elsewhere));

        Assert.AreEqual(0, unchanged.Findings.Count);
        CollectionAssert.AreEqual(new[] { "PG2001" }, Codes(slower));
    }

    [TestMethod]
    public void The_committed_baselines_recorded_spread_does_not_widen_the_margin_in_AB_mode()
    {
        // Recorded at another time with processes up to 13% apart; the base was measured beside this run.
        var noisy = PerfGate.Baselines.Baseline.Empty.UpdatedWith([Run(Result("Sum", 100)), Run(Result("Sum", 118)), Run(Result("Sum", 104))], null);

        var result = Evaluate(AbRequest(Run(Result("Sum", 112)), Run(Result("Sum", 100)), noisy));

        CollectionAssert.AreEqual(new[] { "PG2001" }, Codes(result));
    }

    [TestMethod]
    public void Allocations_are_judged_against_the_base_and_against_the_committed_baseline()
    {
        var baseline = Baseline(Result("Sum", 100, allocated: 24));

        var againstBase = Evaluate(AbRequest(Run(Result("Sum", 100, allocated: 48)), Run(Result("Sum", 100, allocated: 24)), baseline));
        // The base already allocated more than the committed baseline: this build repeats the base, but the baseline says no.
        var againstBaseline = Evaluate(AbRequest(Run(Result("Sum", 100, allocated: 48)), Run(Result("Sum", 100, allocated: 48)), baseline));

        CollectionAssert.AreEqual(new[] { "PG2002" }, Codes(againstBase));
        CollectionAssert.AreEqual(new[] { "PG2002" }, Codes(againstBaseline));
        StringAssert.Contains(againstBase.Findings.Single().Message, "24 B -> 48 B");
    }

    [TestMethod]
    public void Benchmarks_only_in_this_build_are_new_and_those_only_in_the_base_removed()
    {
        var result = Evaluate(AbRequest(Run(Result("Sum", 100), Result("Added", 10)), Run(Result("Sum", 100), Result("Dropped", 10))));

        CollectionAssert.AreEqual(new[] { "PG1013", "PG1014" }, Codes(result));
        Assert.AreEqual("new", result.Outcomes.Single(o => o.Key == "Sample.Work.Added").Status);
        Assert.AreEqual("removed", result.Outcomes.Single(o => o.Key == "Sample.Work.Dropped").Status);
        Assert.AreEqual(Tier.Warn, result.Verdict);
    }

    [TestMethod]
    public void A_regression_whose_baseline_entry_this_change_re_recorded_is_only_a_warning()
    {
        var accepted = new HashSet<string> { "Sample.Work.Sum" };

        var result = Evaluate(AbRequest(Run(Result("Sum", 300)), Run(Result("Sum", 100)), accepted: accepted));

        var finding = result.Findings.Single();
        Assert.AreEqual("PG1001", finding.Code);
        StringAssert.Contains(finding.Message, "Accepted in this change");
        // Nothing is left to accept: neither the message nor the reports (which show AcceptCommand) say how to.
        Assert.IsFalse(finding.Message.Contains("accept it with", StringComparison.Ordinal), finding.Message);
        Assert.IsNull(finding.AcceptCommand);
        StringAssert.Contains(finding.Message, "(Hodges-Lehmann)");
        StringAssert.Contains(finding.Message, "measured alternately with this build on this machine.) Accepted in this change");
    }

    [TestMethod]
    public void A_benchmark_method_rewritten_since_the_base_says_so_without_naming_a_baseline()
    {
        // No committed baseline at all: the method is compared with the base build's (its IL fingerprint).
        var result = Evaluate(AbRequest(Run(Result("Sum", 300, allocated: 64) with { MethodFingerprint = "after" }),
            Run(Result("Sum", 100) with { MethodFingerprint = "before" })));

        CollectionAssert.AreEquivalent(new[] { "PG2001", "PG2002" }, Codes(result));
        Assert.IsTrue(result.Findings.All(f => f.Message.Contains(DiagnosticCatalog.MethodChangedSinceBaseText, StringComparison.Ordinal)), result.Findings[0].Message);
        Assert.IsFalse(result.Findings.Any(f => f.Message.Contains("baseline was recorded", StringComparison.Ordinal)));
    }

    [TestMethod]
    public void Confirmation_rounds_compare_each_rounds_pair_and_a_round_that_does_not_repeat_dismisses_it()
    {
        var first = (Current: Run(Result("Sum", 300)), Base: Run(Result("Sum", 100)));
        // Round 1 measured both sides slow: the machine, not the code (the pair agrees).
        var machineSlow = new MeasurementRound(Run(Result("Sum", 303)), Run(Result("Sum", 300)));
        var repeated = new MeasurementRound(Run(Result("Sum", 290)), Run(Result("Sum", 100)));

        var noise = Evaluate(AbRequest(first.Current, first.Base, confirmations: [machineSlow]));
        var real = Evaluate(AbRequest(first.Current, first.Base, confirmations: [repeated, repeated]));

        // Dismissed: no warning, only the note that this run could not have resolved the budget.
        CollectionAssert.AreEqual(new[] { "PG0060" }, Codes(noise));
        StringAssert.Contains(noise.Outcomes.Single().TimeEvidence, "dismissed as noise: it did not repeat in confirmation run 1");
        Assert.AreEqual("PG2001", real.Findings.Single().Code);
        StringAssert.Contains(real.Findings.Single().Message, "confirmed by 3 of 3 runs");
    }

    [TestMethod]
    public void Only_enforced_time_failures_are_confirmed()
    {
        var evaluator = new GateEvaluator(new PerfGate.Statistics.RobustTimeComparisonRule());
        var request = AbRequest(Run(Result("Sum", 300), Result("Parse", 100, allocated: 64)), Run(Result("Sum", 100), Result("Parse", 100, allocated: 0)));

        CollectionAssert.AreEqual(new[] { "Sample.Work.Sum" }, evaluator.ToConfirm(request).ToArray());
        Assert.AreEqual(0, evaluator.ToConfirm(request with { AcceptedInChange = new HashSet<string> { "Sample.Work.Sum" } }).Count);
    }

    /// <summary>A result whose iterations spread ±8%: +4% against the base is past the WARN margin (2.5%) and proves nothing.</summary>
    private static PerfGate.Results.BenchmarkResult Spread(double centreNs) =>
        Result("Sum", centreNs) with { SamplesNs = Samples.Around(centreNs, 15, 0.08) };

    [TestMethod]
    public void An_unproven_slowdown_past_the_warning_margin_is_measured_again_and_warns_when_a_round_proves_it()
    {
        var evaluator = new GateEvaluator(new PerfGate.Statistics.RobustTimeComparisonRule());
        var first = AbRequest(Run(Spread(104)), Run(Spread(100)));
        CollectionAssert.AreEqual(new[] { "PG0060" }, Codes(evaluator.Evaluate(first)), "the first run alone proves nothing (and could not have proven +10%)");
        StringAssert.Contains(evaluator.Evaluate(first).Outcomes.Single().TimeEvidence, "not proven");

        CollectionAssert.AreEqual(new[] { "Sample.Work.Sum" }, evaluator.ToConfirm(first).ToArray(), "measured again in A/B mode");
        Assert.AreEqual(0, evaluator.ToConfirm(Request(Run(Spread(104)), Baseline(Spread(100)))).Count, "not against a committed baseline");

        var proven = evaluator.Evaluate(first with { Confirmations = [new MeasurementRound(Run(Result("Sum", 104)), Run(Result("Sum", 100)))] });
        var warning = proven.Findings.Single();
        Assert.AreEqual("PG1001", warning.Code);
        StringAssert.Contains(warning.Message, "against the WARN budget of +5%: the first run proved no level, so it was measured again: confirmation run 1, "
            + "in new processes of both builds, proved the WARN level (+4.0% there); the first run alone: not proven: Mann-Whitney");
        StringAssert.Contains(proven.Outcomes.Single().TimeEvidence, "not proven: Mann-Whitney", "the report's row keeps the first run's evidence first");
        Assert.AreEqual("WARN", proven.Outcomes.Single().Status);

        var dismissed = first with { Confirmations = [new MeasurementRound(Run(Result("Sum", 100.5)), Run(Result("Sum", 100)))] };
        var noise = evaluator.Evaluate(dismissed);
        CollectionAssert.AreEqual(new[] { "PG0060" }, Codes(noise));
        StringAssert.Contains(noise.Outcomes.Single().TimeEvidence, "measured again, not a warning: confirmation run 1");
        Assert.AreEqual(0, evaluator.ToConfirm(dismissed).Count, "settled: no second round");
    }

    [TestMethod]
    public void A_first_run_warning_is_measured_once_again_and_a_round_under_the_margin_dismisses_it()
    {
        var evaluator = new GateEvaluator(new PerfGate.Statistics.RobustTimeComparisonRule());
        var first = AbRequest(Run(Result("Sum", 104)), Run(Result("Sum", 100)));
        Assert.AreEqual("PG1001", evaluator.Evaluate(first).Findings.Single().Code, "the first run proves +4%");
        CollectionAssert.AreEqual(new[] { "Sample.Work.Sum" }, evaluator.ToConfirm(first).ToArray(), "measured again in A/B mode");
        Assert.AreEqual(0, evaluator.ToConfirm(Request(Run(Result("Sum", 104)), Baseline(Result("Sum", 100)))).Count, "not against a committed baseline");

        var dismissed = first with { Confirmations = [new MeasurementRound(Run(Result("Sum", 100.5)), Run(Result("Sum", 100)))] };
        var noise = evaluator.Evaluate(dismissed);
        Assert.AreEqual(0, noise.Findings.Count(f => f.Code == "PG1001"));
        Assert.AreEqual("PASS", noise.Outcomes.Single().Status);
        StringAssert.Contains(noise.Outcomes.Single().TimeEvidence, "dismissed as noise: measured again, confirmation run 1");
        Assert.AreEqual(0, evaluator.ToConfirm(dismissed).Count, "settled: no second round");

        var repeated = evaluator.Evaluate(first with { Confirmations = [new MeasurementRound(Run(Result("Sum", 104)), Run(Result("Sum", 100)))] });
        var warning = repeated.Findings.Single();
        Assert.AreEqual("PG1001", warning.Code);
        StringAssert.Contains(warning.Message, "; confirmed by confirmation run 1, in new processes of both builds (+4.0% there).");
    }

    [TestMethod]
    public void A_first_run_warning_measured_as_large_as_a_fail_fails_when_two_rounds_prove_the_fail()
    {
        var evaluator = new GateEvaluator(new PerfGate.Statistics.RobustTimeComparisonRule());
        // The first run's iterations spread +-10% around +9%: it proves a WARN, not the FAIL it measured.
        var first = AbRequest(Run(Result("Sum", 109) with { SamplesNs = Samples.Around(109, spreadFraction: 0.1) }), Run(Result("Sum", 100)));
        Assert.AreEqual("PG1001", evaluator.Evaluate(first).Findings.Single().Code);
        var round = new MeasurementRound(Run(Result("Sum", 110)), Run(Result("Sum", 100)));

        var afterOne = first with { Confirmations = [round] };
        Assert.AreEqual("PG1001", evaluator.Evaluate(afterOne).Findings.Single().Code, "one round is not enough");
        CollectionAssert.AreEqual(new[] { "Sample.Work.Sum" }, evaluator.ToConfirm(afterOne).ToArray(), "measured a second time");

        var afterTwo = first with { Confirmations = [round, round] };
        var failed = evaluator.Evaluate(afterTwo);
        var finding = failed.Findings.Single();
        Assert.AreEqual("PG2001", finding.Code);
        StringAssert.Contains(finding.Message, "against the FAIL budget of +10%: the first run proved only the WARN level but measured past the FAIL margin, so it was "
            + "measured again: each of 2 confirmation runs, in new processes of both builds, proved the FAIL level (+10.0%, +10.0% there); the first run alone: Mann-Whitney");
        Assert.AreEqual("FAIL", failed.Outcomes.Single().Status);
        Assert.AreEqual(0, evaluator.ToConfirm(afterTwo).Count);

        var againstBaseline = Request(Run(Result("Sum", 109) with { SamplesNs = Samples.Around(109, spreadFraction: 0.1) }), Baseline(Result("Sum", 100)));
        Assert.AreEqual(0, evaluator.ToConfirm(againstBaseline).Count, "against a committed baseline the warning is not measured again");
    }

    [TestMethod]
    public void A_confirmation_round_with_too_few_iterations_to_judge_dismisses_nothing()
    {
        var first = AbRequest(Run(Result("Sum", 300)), Run(Result("Sum", 100)));
        // A round whose launches of this build died after 3 iterations: it measured the slowdown again but can judge nothing.
        var died = new MeasurementRound(Run(Result("Sum", 300) with { SamplesNs = Samples.Around(300, 3) }), Run(Result("Sum", 100)));

        var result = Evaluate(first with { Confirmations = [died] });

        Assert.AreEqual("PG2001", result.Findings.Single().Code, "the first run's FAIL stands");
        StringAssert.Contains(result.Findings.Single().Message, DiagnosticCatalog.NotReconfirmedText);
        var warned = Evaluate(AbRequest(Run(Result("Sum", 104)), Run(Result("Sum", 100))) with { Confirmations = [died] });
        Assert.AreEqual("PG1001", warned.Findings.Single().Code, "nor does it dismiss a first-run warning");
    }
}
