using PerfGate.Configuration;
using PerfGate.Diagnostics;
using PerfGate.Verdicts;
using static PerfGate.Core.Tests.TestData;

namespace PerfGate.Core.Tests;

/// <summary>PG0061: a recording whose processes disagreed by more than the FAIL budget can resolve says so before the commit.</summary>
[TestClass]
public sealed class BaselineResolutionRuleTests
{
    [TestMethod]
    public void A_recording_with_a_process_far_above_the_rest_names_that_benchmark_once()
    {
        // Sum: one process of three 12% slow, so a FAIL must be proven past about +14% (a quarter of the budget above
        // it, from the pooled median); Parse: processes 2% apart, fine.
        var baseline = PerfGate.Baselines.Baseline.Empty.UpdatedWith(
            [Run(Result("Sum", 100), Result("Parse", 500)), Run(Result("Sum", 100), Result("Parse", 505)), Run(Result("Sum", 112), Result("Parse", 510))], null);

        var finding = BaselineResolutionRule.Judge(baseline, baseline.Entries.Keys, GateConfig.BuiltIn);

        Assert.IsNotNull(finding);
        Assert.AreEqual("PG0061", finding.Code);
        Assert.AreEqual(Tier.Pass, finding.Tier);
        Assert.IsNull(finding.Location, "a run-level note: the build adapter places it at the project");
        StringAssert.StartsWith(finding.Message, "1 benchmark(s) were recorded in processes so far apart");
        var margin = baseline.Entries["Sample.Work.Sum"].ProcessNoise.MarginFor(new Percent(10));
        Assert.IsTrue(margin > 0.1, $"{margin}");
        StringAssert.Contains(finding.Message, string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"Sample.Work.Sum (processes 12% apart, a FAIL must be proven past +{margin:0.#%}, budget +10%)"));
        Assert.IsFalse(finding.Message.Contains("Parse", StringComparison.Ordinal), finding.Message);
    }

    [TestMethod]
    public void Agreeing_processes_a_single_process_an_entry_recorded_earlier_a_wide_budget_and_one_under_the_noise_floor_bring_no_note()
    {
        var agreeing = PerfGate.Baselines.Baseline.Empty.UpdatedWith([Run(Result("Sum", 100)), Run(Result("Sum", 103)), Run(Result("Sum", 101))], null);
        var single = PerfGate.Baselines.Baseline.Empty.UpdatedWith(Run(Result("Sum", 100)), null);
        var noisy = PerfGate.Baselines.Baseline.Empty.UpdatedWith([Run(Result("Sum", 100)), Run(Result("Sum", 100)), Run(Result("Sum", 112))], null);
        var wide = ConfigAsync("""{ "defaults": { "time": { "warn": 20, "fail": 40 } } }""").Result;

        Assert.IsNull(BaselineResolutionRule.Judge(agreeing, agreeing.Entries.Keys, GateConfig.BuiltIn));
        Assert.IsNull(BaselineResolutionRule.Judge(single, single.Entries.Keys, GateConfig.BuiltIn));
        Assert.IsNull(BaselineResolutionRule.Judge(noisy, [], GateConfig.BuiltIn), "only what this recording measured is its business");
        Assert.IsNull(BaselineResolutionRule.Judge(noisy, noisy.Entries.Keys, wide));
        // 10% of 2 ns is under the 0.3 ns noise floor: the gate never promises to see it, so the recording does not warn of it.
        var tiny = PerfGate.Baselines.Baseline.Empty.UpdatedWith([Run(Result("Sum", 2)), Run(Result("Sum", 2)), Run(Result("Sum", 2.4))], null);
        Assert.IsNull(BaselineResolutionRule.Judge(tiny, tiny.Entries.Keys, GateConfig.BuiltIn));
    }
}
