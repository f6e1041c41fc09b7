using static PerfGate.Core.Tests.TestData;

namespace PerfGate.Core.Tests;

/// <summary>A baseline from another machine, runtime or job never yields a time failure; allocations stay strict.</summary>
[TestClass]
public sealed class EnvironmentFingerprintTests
{
    [TestMethod]
    public void On_another_processor_a_slowdown_is_a_warning_that_says_what_differs_and_allocations_still_fail()
    {
        var baseline = Baseline(Result("Sum", 100), Result("Parse", 50, allocated: 0)) with { Environment = Host with { Processor = "Intel Xeon" } };

        var result = Evaluate(Request(Run(Result("Sum", 300), Result("Parse", 50, allocated: 32)), baseline));

        CollectionAssert.AreEqual(new[] { "PG1006", "PG2002" }, Codes(result));
        var warning = result.Findings.Single(f => f.Code == "PG1006");
        StringAssert.Contains(warning.Message, "processor 'Intel Xeon' -> 'CPU'");
        StringAssert.Contains(warning.Message, "-p:PerfGateUpdateBaseline=true");
    }

    [TestMethod]
    public void Different_job_settings_never_yield_a_time_failure()
    {
        var slow = Result("Sum", 300) with { Job = "IterationCount=3, WarmupCount=1" };

        var result = Evaluate(Request(Run(slow), Baseline(Result("Sum", 100))));

        CollectionAssert.AreEqual(new[] { "PG1006" }, Codes(result));
        StringAssert.Contains(result.Findings[0].Message, "job 'DefaultJob' -> 'IterationCount=3, WarmupCount=1'");
    }

    [TestMethod]
    public void An_unchanged_time_on_another_machine_reports_nothing()
    {
        var baseline = Baseline(Result("Sum", 100)) with { Environment = Host with { Runtime = ".NET 10.0.13" } };

        Assert.AreEqual(0, Evaluate(Request(Run(Result("Sum", 101)), baseline)).Findings.Count);
    }
}
