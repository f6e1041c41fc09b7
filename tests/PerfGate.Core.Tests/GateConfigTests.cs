using PerfGate.Configuration;
using PerfGate.Diagnostics;
using static PerfGate.Core.Tests.TestData;

namespace PerfGate.Core.Tests;

[TestClass]
public sealed class GateConfigTests
{
    [TestMethod]
    public void Without_a_file_the_built_in_budget_applies()
    {
        var budget = GateConfig.BuiltIn.BudgetFor("Any.Bench.Mark");

        Assert.AreEqual(new Percent(5), budget.Time.Warn);
        Assert.AreEqual(new Percent(10), budget.Time.Fail);
        Assert.IsNull(budget.Time.Block);
        Assert.AreEqual(new Percent(0), budget.Allocated.Fail);
        Assert.IsFalse(budget.Ignore);
    }

    [TestMethod]
    public async Task Left_out_settings_inherit_and_null_switches_a_level_off()
    {
        var config = await ConfigAsync("""
            {
              "$schema": "https://example/perfgate.schema.json",
              // comments are allowed
              "defaults": { "time": { "fail": "20%", "warn": null } },
            }
            """);

        var budget = config.BudgetFor("X.Y.Z");

        Assert.IsNull(budget.Time.Warn);
        Assert.AreEqual(new Percent(20), budget.Time.Fail);
        Assert.AreEqual(new Percent(0), budget.Allocated.Fail);
    }

    [TestMethod]
    public async Task Rules_apply_in_order_to_full_names_with_parameters()
    {
        var config = await ConfigAsync("""
            {
              "benchmarks": [
                { "match": "MyApp.Parsers.*", "time": { "fail": 25 }, "maxTime": "2ms" },
                { "match": "*.Parse(Size: 1000)", "time": { "fail": 40 }, "maxAllocatedBytes": 0 },
                { "match": "MyApp.Parsers.Flaky.*", "ignore": true }
              ]
            }
            """);

        var small = config.BudgetFor("MyApp.Parsers.Json.Parse(Size: 10)");
        var large = config.BudgetFor("MyApp.Parsers.Json.Parse(Size: 1000)");
        var other = config.BudgetFor("MyApp.Other.Parse(Size: 1000)");

        Assert.AreEqual(new Percent(25), small.Time.Fail);
        Assert.AreEqual(2_000_000, small.MaxTime!.Value.Nanoseconds);
        Assert.IsNull(small.MaxAllocatedBytes);
        Assert.AreEqual(new Percent(40), large.Time.Fail);
        Assert.AreEqual(0L, large.MaxAllocatedBytes);
        Assert.AreEqual(new Percent(40), other.Time.Fail);
        Assert.IsNull(other.MaxTime);
        Assert.IsTrue(config.BudgetFor("MyApp.Parsers.Flaky.Run").Ignore);
    }

    [TestMethod]
    [DataRow("250ns", 250.0)]
    [DataRow("3.5us", 3_500.0)]
    [DataRow("3.5μs", 3_500.0)]
    [DataRow("2ms", 2_000_000.0)]
    [DataRow("1s", 1_000_000_000.0)]
    public void Time_limits_read_with_their_unit(string text, double nanoseconds)
    {
        Assert.IsTrue(Duration.TryParse(text, out var duration));
        Assert.AreEqual(nanoseconds, duration.Nanoseconds, 1e-6);
    }

    [TestMethod]
    [DataRow("{ \"defaults\": { \"time\": { \"fail\": -3 } } }", 1, "zero or more")]
    [DataRow("{\n  \"defaults\": {\n    \"tme\": {}\n  }\n}", 3, "tme")]
    [DataRow("{\n  \"benchmarks\": [ { \"maxTime\": \"fast\", \"match\": \"*\" } ]\n}", 2, "unit")]
    [DataRow("{\n  \"defaults\": {\n    \"time\": { \"fail\": 10 \n  }\n", 5, "")]
    [DataRow("{\n  \"benchmarks\": [ { \"ignore\": true } ]\n}", 2, "match")]
    public async Task A_broken_file_names_the_line_and_the_problem(string json, int line, string problem)
    {
        var error = await Assert.ThrowsExactlyAsync<PerfGateFileException>(() => ConfigAsync(json));

        Assert.AreEqual(line, error.Line, error.Message);
        Assert.IsTrue(error.Column > 0, error.Message);
        StringAssert.Contains(error.Problem, problem);
    }

    [TestMethod]
    public void Globs_match_whole_names_literally_except_star_and_question_mark()
    {
        var glob = new GlobPattern("A.B.Sum(N: ?)");

        Assert.IsTrue(glob.Matches("A.B.Sum(N: 1)"));
        Assert.IsFalse(glob.Matches("A.B.Sum(N: 10)"));
        Assert.IsFalse(glob.Matches("XA.B.Sum(N: 1)"));
        Assert.IsTrue(new GlobPattern("*Sum*").Matches("A.B.Sum(N: 10)"));
    }
}
