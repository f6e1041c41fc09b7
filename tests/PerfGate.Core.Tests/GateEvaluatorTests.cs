using PerfGate.Diagnostics;
using static PerfGate.Core.Tests.TestData;

namespace PerfGate.Core.Tests;

[TestClass]
public sealed class GateEvaluatorTests
{
    [TestMethod]
    public void Unchanged_benchmarks_pass_with_no_findings()
    {
        var result = Evaluate(Request(Run(Result("Sum", 100), Result("Parse", 500, 64)), Baseline(Result("Sum", 100), Result("Parse", 500, 64))));

        Assert.AreEqual(Tier.Pass, result.Verdict);
        Assert.AreEqual(0, result.Findings.Count);
        CollectionAssert.AreEqual(new[] { "PASS", "PASS" }, result.Outcomes.Select(o => o.Status).ToArray());
    }

    [TestMethod]
    public void A_slowdown_fails_at_the_benchmark_with_the_accept_command()
    {
        var result = Evaluate(Request(Run(Result("Sum", 300), Result("Parse", 500)), Baseline(Result("Sum", 100), Result("Parse", 500))));

        Assert.AreEqual(Tier.Fail, result.Verdict);
        var finding = result.Findings.Single();
        Assert.AreEqual("PG2001", finding.Code);
        Assert.AreEqual("/repo/bench/Sum.cs", finding.Location!.File);
        StringAssert.Contains(finding.Message, "Sample.Work.Sum");
        StringAssert.Contains(finding.Message, "100 ns -> 300 ns");
        StringAssert.Contains(finding.Message, "-p:PerfGateUpdateBaseline=true -p:PerfGateFilter=Sample.Work.Sum");
    }

    [TestMethod]
    public void FailOnRegression_false_turns_a_fail_into_a_warning_of_the_same_rule()
    {
        var result = Evaluate(Request(Run(Result("Sum", 300)), Baseline(Result("Sum", 100)), failOnRegression: false));

        Assert.AreEqual(Tier.Warn, result.Verdict);
        CollectionAssert.AreEqual(new[] { "PG1001" }, Codes(result));
    }

    [TestMethod]
    public async Task FailOnRegression_false_never_downgrades_a_block()
    {
        var config = await ConfigAsync("""{ "defaults": { "time": { "block": 50 } } }""");

        var result = Evaluate(Request(Run(Result("Sum", 300)), Baseline(Result("Sum", 100)), config, failOnRegression: false));

        CollectionAssert.AreEqual(new[] { "PG3001" }, Codes(result));
    }

    [TestMethod]
    public async Task Time_levels_set_to_null_gate_only_the_allocations_of_the_matched_benchmarks()
    {
        // The README's advice for nanosecond benchmarks whose time shifts between builds.
        var config = await ConfigAsync("""{ "benchmarks": [ { "match": "*.Tiny", "time": { "warn": null, "fail": null } } ] }""");
        var baseline = Baseline(Result("Tiny", 12), Result("Sum", 100));

        var slower = Evaluate(Request(Run(Result("Tiny", 36), Result("Sum", 100)), baseline, config));
        var allocating = Evaluate(Request(Run(Result("Tiny", 36, allocated: 24), Result("Sum", 100)), baseline, config));

        Assert.AreEqual(Tier.Pass, slower.Verdict);
        Assert.AreEqual(0, slower.Findings.Count, string.Join("; ", slower.Findings.Select(f => f.Message)));
        CollectionAssert.AreEqual(new[] { "PG2002" }, Codes(allocating));
    }

    [TestMethod]
    public void A_new_allocation_in_an_allocation_free_benchmark_fails()
    {
        var result = Evaluate(Request(Run(Result("Sum", 100, allocated: 24)), Baseline(Result("Sum", 100, allocated: 0))));

        CollectionAssert.AreEqual(new[] { "PG2002" }, Codes(result));
        StringAssert.Contains(result.Findings[0].Message, "was allocation-free");
    }

    [TestMethod]
    public void One_extra_small_allocation_on_a_large_one_fails_but_rounding_does_not()
    {
        var extra = Evaluate(Request(Run(Result("Sum", 100, allocated: 5624)), Baseline(Result("Sum", 100, allocated: 5600))));
        var rounding = Evaluate(Request(Run(Result("Sum", 100, allocated: 5603)), Baseline(Result("Sum", 100, allocated: 5600))));

        CollectionAssert.AreEqual(new[] { "PG2002" }, Codes(extra));
        Assert.AreEqual(0, rounding.Findings.Count);
    }

    [TestMethod]
    public async Task Absolute_limits_fail_even_without_a_baseline_entry()
    {
        var config = await ConfigAsync("""{ "benchmarks": [ { "match": "Sample.Work.*", "maxAllocatedBytes": 0, "maxTime": "50ns" } ] }""");

        var result = Evaluate(Request(Run(Result("Sum", 100, allocated: 24)), Baseline(Result("Other", 1)), config));

        CollectionAssert.AreEqual(new[] { "PG1010", "PG1011", "PG2003", "PG2004" }, Codes(result));
    }

    [TestMethod]
    public void Without_a_baseline_file_there_is_one_warning_and_nothing_is_compared()
    {
        var result = Evaluate(Request(Run(Result("Sum", 100), Result("Parse", 5)), baseline: null));

        Assert.AreEqual(Tier.Warn, result.Verdict);
        CollectionAssert.AreEqual(new[] { "PG1012" }, Codes(result));
        StringAssert.Contains(result.Findings[0].Message, "-p:PerfGateUpdateBaseline=true");
    }

    [TestMethod]
    public void New_and_missing_benchmarks_warn()
    {
        var result = Evaluate(Request(Run(Result("Added", 100)), Baseline(Result("Removed", 100))));

        CollectionAssert.AreEqual(new[] { "PG1010", "PG1011" }, Codes(result));
        Assert.AreEqual(TestData.BaselinePath, result.Findings.Single(f => f.Code == "PG1011").Location!.File);
    }

    [TestMethod]
    public void A_filtered_run_does_not_call_the_benchmarks_it_skipped_missing()
    {
        var result = Evaluate(Request(Run(Result("Sum", 100)), Baseline(Result("Sum", 100), Result("Other", 100)), filtered: true));

        Assert.AreEqual(0, result.Findings.Count);
    }

    [TestMethod]
    public void A_benchmark_without_measurements_blocks()
    {
        var result = Evaluate(Request(Run(Result("Throws", 0, count: 0), Result("Sum", 100)), Baseline(Result("Throws", 100), Result("Sum", 100))));

        Assert.AreEqual(Tier.Block, result.Verdict);
        CollectionAssert.AreEqual(new[] { "PG3102" }, Codes(result));
        StringAssert.Contains(result.Findings[0].Message, "benchmarks.log");
    }

    [TestMethod]
    public async Task Ignored_benchmarks_are_never_reported()
    {
        var config = await ConfigAsync("""{ "benchmarks": [ { "match": "*.Sum", "ignore": true } ] }""");

        var result = Evaluate(Request(Run(Result("Sum", 900)), Baseline(Result("Sum", 100)), config));

        Assert.AreEqual(0, result.Findings.Count);
        Assert.AreEqual("ignored", result.Outcomes.Single().Status);
    }

    [TestMethod]
    public void Recording_accepts_differences_and_reports_only_failures()
    {
        var result = Evaluate(Request(Run(Result("Sum", 900), Result("New", 1), Result("Throws", 0, count: 0)), Baseline(Result("Sum", 100)), recording: true));

        CollectionAssert.AreEqual(new[] { "PG3102" }, Codes(result));
        Assert.AreEqual("recorded", result.Outcomes.Single(o => o.Key.EndsWith("Sum", StringComparison.Ordinal)).Status);
    }

    [TestMethod]
    public void Same_named_classes_in_other_namespaces_and_param_cases_stay_apart()
    {
        var a = Result("Sum", 100) with { Key = "A.Work.Sum(N: 1)" };
        var b = Result("Sum", 300) with { Key = "B.Work.Sum(N: 1)" };
        var c = Result("Sum", 100) with { Key = "A.Work.Sum(N: 2)" };
        var baseline = Baseline(a, b with { SamplesNs = Samples.Around(300) }, c);

        var result = Evaluate(Request(Run(a, b, c with { SamplesNs = Samples.Around(400) }), baseline));

        Assert.AreEqual("A.Work.Sum(N: 2)", result.Findings.Single().Benchmark);
    }
}
