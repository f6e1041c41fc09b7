using PerfGate.Diagnostics;
using PerfGate.Results;
using static PerfGate.Core.Tests.TestData;

namespace PerfGate.Core.Tests;

/// <summary>PG0060: a PASS that could not have seen a regression of its FAIL budget says so, once per run.</summary>
[TestClass]
public sealed class TimeResolutionRuleTests
{
    /// <summary>Iterations spread +-40% around the centre: no +10% slowdown is provable from 15 of them.</summary>
    private static BenchmarkResult Noisy(string method, double centreNs) => Result(method, centreNs) with { SamplesNs = Samples.Around(centreNs, 15, 0.4) };

    [TestMethod]
    public void A_run_too_noisy_for_the_fail_budget_passes_and_names_what_it_could_not_resolve_once()
    {
        var result = Evaluate(Request(Run(Noisy("Sum", 100), Noisy("Parse", 500), Result("Tight", 100)),
            Baseline(Noisy("Sum", 100), Noisy("Parse", 500), Result("Tight", 100))));

        Assert.AreEqual(Tier.Pass, result.Verdict);
        var finding = result.Findings.Single();
        Assert.AreEqual("PG0060", finding.Code);
        Assert.IsNull(finding.Location, "a run-level note: the build adapter places it at the project");
        StringAssert.StartsWith(finding.Message, "2 of 3 compared benchmark(s) passed the time gate, but this run could not have proven");
        StringAssert.Contains(finding.Message, "Sample.Work.Sum (smallest provable slowdown +");
        StringAssert.Contains(finding.Message, "Sample.Work.Parse (smallest provable slowdown +");
        StringAssert.Contains(finding.Message, "budget +10%)");
        Assert.IsFalse(finding.Message.Contains("Tight", StringComparison.Ordinal), finding.Message);
        CollectionAssert.AreEqual(new[] { "PASS", "PASS", "PASS" }, result.Outcomes.Select(o => o.Status).ToArray());
        // What the message quotes is the row's own figure.
        var sum = result.Outcomes.Single(o => o.Key == "Sample.Work.Sum");
        Assert.IsTrue(sum.SmallestDetectableChange > 0.1, $"{sum.SmallestDetectableChange}");
        StringAssert.Contains(finding.Message, $"smallest provable slowdown +{sum.SmallestDetectableChange!.Value * 100:0.#}%");
    }

    [TestMethod]
    public void A_little_slower_or_a_little_faster_both_count_but_a_budget_under_the_noise_floor_does_not()
    {
        // +3% takes the "within budget" path of the time rule, -3% the "no slowdown" one; both could not have seen +10%.
        var slower = Evaluate(Request(Run(Noisy("Sum", 103)), Baseline(Noisy("Sum", 100))));
        var faster = Evaluate(Request(Run(Noisy("Sum", 97)), Baseline(Noisy("Sum", 100))));
        // 10% of 2 ns is under the 0.3 ns floor: the gate never promises to see it, so it does not say it could not.
        var subFloor = Evaluate(Request(Run(Noisy("Sum", 2)), Baseline(Noisy("Sum", 2))));

        Assert.AreEqual("PG0060", slower.Findings.Single().Code);
        Assert.AreEqual("PG0060", faster.Findings.Single().Code);
        Assert.AreEqual(0, subFloor.Findings.Count, string.Join("; ", subFloor.Findings.Select(f => f.Message)));
    }

    [TestMethod]
    public void A_budget_the_run_can_resolve_and_a_quiet_run_bring_no_note()
    {
        var wide = Evaluate(Request(Run(Noisy("Sum", 100)), Baseline(Noisy("Sum", 100)), ConfigAsync("""{ "defaults": { "time": { "warn": 200, "fail": 400 } } }""").Result));
        var quiet = Evaluate(Request(Run(Result("Sum", 100)), Baseline(Result("Sum", 100))));

        Assert.AreEqual(0, wide.Findings.Count, string.Join("; ", wide.Findings.Select(f => f.Message)));
        Assert.AreEqual(0, quiet.Findings.Count);
    }

    [TestMethod]
    public void The_note_is_for_passing_comparable_runs_only()
    {
        var elsewhere = Baseline(Noisy("Sum", 100)) with { Environment = Host with { Processor = "Another CPU" } };

        var recording = Evaluate(Request(Run(Noisy("Sum", 100)), Baseline(Noisy("Sum", 100)), recording: true));
        var notComparable = Evaluate(Request(Run(Noisy("Sum", 100)), elsewhere));
        var failing = Evaluate(Request(Run(Result("Sum", 300)), Baseline(Result("Sum", 100))));

        Assert.IsFalse(recording.Findings.Any(f => f.Code == "PG0060"));
        Assert.IsFalse(notComparable.Findings.Any(f => f.Code == "PG0060"));
        CollectionAssert.AreEqual(new[] { "PG2001" }, Codes(failing));
    }

    [TestMethod]
    public void In_AB_mode_the_base_run_is_what_the_resolution_is_measured_against()
    {
        var noisy = Evaluate(AbRequest(Run(Noisy("Sum", 100)), Run(Noisy("Sum", 100))));
        var quiet = Evaluate(AbRequest(Run(Result("Sum", 100)), Run(Result("Sum", 100))));

        Assert.AreEqual("PG0060", noisy.Findings.Single().Code);
        Assert.AreEqual(Tier.Pass, noisy.Verdict);
        Assert.AreEqual(0, quiet.Findings.Count);
    }

    [TestMethod]
    public void A_large_suite_names_five_and_counts_the_rest()
    {
        var methods = Enumerable.Range(1, 8).Select(i => $"M{i}").ToArray();
        var result = Evaluate(Request(Run(methods.Select(m => Noisy(m, 100)).ToArray()), Baseline(methods.Select(m => Noisy(m, 100)).ToArray())));

        var finding = result.Findings.Single();
        StringAssert.StartsWith(finding.Message, "8 of 8 compared benchmark(s) passed the time gate, but this run could not have proven");
        Assert.AreEqual(5, finding.Message.Split("(smallest provable slowdown +").Length - 1, finding.Message);
        StringAssert.Contains(finding.Message, ", and 3 more.");
    }
}
