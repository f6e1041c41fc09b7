using PerfGate.Results;
using static PerfGate.Core.Tests.TestData;

namespace PerfGate.Core.Tests;

[TestClass]
public sealed class TailLatencyRuleTests
{
    /// <summary>15 iterations around 100 ns, the last <paramref name="slow"/> of them at <paramref name="tailNs"/>.</summary>
    private static BenchmarkResult WithTail(double tailNs, int slow) =>
        Result("Sum", 100) with { SamplesNs = Samples.Around(100).Take(15 - slow).Concat(Enumerable.Repeat(tailNs, slow)).ToArray() };

    [TestMethod]
    public async Task Tail_budgets_are_off_by_default_and_read_from_the_config()
    {
        var config = await ConfigAsync("""{ "defaults": { "p99": { "fail": 20 } }, "benchmarks": [ { "match": "*.Sum", "maxP99": "1us", "p99": { "warn": 10 } } ] }""");

        Assert.IsNull(PerfGate.Configuration.GateConfig.BuiltIn.BudgetFor("A.B").P99Levels.Lowest);
        var budget = config.BudgetFor("Sample.Work.Sum");
        Assert.AreEqual(10, budget.P99Levels.Warn!.Value.Value);
        Assert.AreEqual(20, budget.P99Levels.Fail!.Value.Value);
        Assert.AreEqual(1000, budget.MaxP99!.Value.Nanoseconds);
    }

    [TestMethod]
    public async Task A_tail_that_moved_is_a_regression_at_the_method_and_one_slow_iteration_is_not()
    {
        var config = await ConfigAsync("""{ "defaults": { "time": { "warn": null, "fail": null }, "p99": { "fail": 20 } } }""");
        var before = Baseline(Result("Sum", 100));

        var oneSlow = Evaluate(Request(Run(WithTail(400, slow: 1)), before, config));
        var tailMoved = Evaluate(Request(Run(WithTail(400, slow: 3)), before, config));

        Assert.AreEqual(0, oneSlow.Findings.Count, string.Join("\n", oneSlow.Findings.Select(f => f.Message)));
        var finding = tailMoved.Findings.Single();
        Assert.AreEqual("PG2009", finding.Code);
        Assert.AreEqual("/repo/bench/Sum.cs", finding.Location!.File);
        StringAssert.Contains(finding.Message, "Sample.Work.Sum: the slow tail rose, P99 ");
        StringAssert.Contains(finding.Message, "against the FAIL budget of +20% for P99");
    }

    [TestMethod]
    public async Task MaxP99_limits_this_runs_tail_without_a_baseline()
    {
        var config = await ConfigAsync("""{ "benchmarks": [ { "match": "*", "maxP99": "200ns" } ] }""");

        var result = Evaluate(Request(Run(WithTail(400, slow: 1)), null, config));

        var finding = result.Findings.Single(f => f.Code != "PG1012");
        Assert.AreEqual("PG2030", finding.Code);
        StringAssert.Contains(finding.Message, "is over the configured maxP99 of 200 ns");
    }
}
