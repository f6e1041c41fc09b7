using PerfGate.Evaluation;

namespace PerfGate.Core.Tests;

/// <summary>The evaluation's interval arithmetic: published figures rest on it.</summary>
[TestClass]
public sealed class EvaluationRateTests
{
    [TestMethod]
    public void Twenty_of_twenty_only_proves_a_rate_above_83_percent()
    {
        var (low, high) = new Rate(20, 20).Wilson95!.Value;

        Assert.AreEqual(0.839, low, 0.001);
        Assert.AreEqual(1.0, high, 1e-9);
    }

    [TestMethod]
    public void Zero_of_a_hundred_bounds_the_rate_below_four_percent()
    {
        var (low, high) = new Rate(0, 100).Wilson95!.Value;

        Assert.AreEqual(0.0, low, 1e-9);
        Assert.AreEqual(0.037, high, 0.001);
    }

    [TestMethod]
    public void An_empty_population_has_no_rate()
    {
        Assert.IsNull(new Rate(0, 0).Value);
        Assert.AreEqual("n/a", new Rate(0, 0).ToString());
    }
}
