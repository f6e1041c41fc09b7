using PerfGate.Diagnostics;
using PerfGate.Locations;
using PerfGate.Results;
using static PerfGate.Core.Tests.TestData;

namespace PerfGate.Core.Tests;

[TestClass]
public sealed class MethodIlFingerprintsTests
{
    private static readonly MethodIlFingerprints Fingerprints = MethodIlFingerprints.Read(typeof(FingerprintTargetA).Assembly.Location);

    private static string? Of(string type, string method) =>
        Fingerprints.Of(new BenchmarkResult($"PerfGate.Core.Tests.{type}.{method}", "PerfGate.Core.Tests", type, method, "DefaultJob", [1.0], 0));

    [TestMethod]
    public void Identical_bodies_have_identical_fingerprints_wherever_they_stand()
    {
        Assert.IsNotNull(Of("FingerprintTargetA", "Work"));
        Assert.AreEqual(Of("FingerprintTargetA", "Work"), Of("FingerprintTargetB", "Work"));
    }

    [TestMethod]
    public void A_different_body_has_a_different_fingerprint()
    {
        Assert.AreNotEqual(Of("FingerprintTargetA", "Work"), Of("FingerprintTargetA", "OtherWork"));
        Assert.AreNotEqual(Of("FingerprintTargetA", "Work"), Of("FingerprintTargetA", "CallsSomethingElse"));
    }

    [TestMethod]
    public void An_unknown_method_or_assembly_has_no_fingerprint()
    {
        Assert.IsNull(Of("FingerprintTargetA", "Missing"));
        Assert.IsNull(MethodIlFingerprints.Read("/nonexistent.dll").Of(Result("Sum", 1)));
    }

    [TestMethod]
    public void A_rewritten_benchmark_is_judged_like_any_other_and_the_message_says_it_changed()
    {
        var baseline = Baseline(Result("Sum", 100, allocated: 0) with { MethodFingerprint = "before" });

        var rewritten = Evaluate(Request(Run(Result("Sum", 300, allocated: 64) with { MethodFingerprint = "after" }), baseline));
        var same = Evaluate(Request(Run(Result("Sum", 300, allocated: 64) with { MethodFingerprint = "before" }), baseline));

        // A 3x slowdown and a first allocation fail whether or not the benchmark method itself was edited.
        CollectionAssert.AreEquivalent(new[] { "PG2001", "PG2002" }, rewritten.Findings.Select(f => f.Code).ToArray());
        Assert.IsTrue(rewritten.Findings.All(f => f.Message.EndsWith(DiagnosticCatalog.MethodChangedText, StringComparison.Ordinal)));
        Assert.IsTrue(rewritten.Findings.All(f => f.Message.Contains("-p:PerfGateUpdateReason=", StringComparison.Ordinal)));
        CollectionAssert.AreEquivalent(new[] { "PG2001", "PG2002" }, same.Findings.Select(f => f.Code).ToArray());
        Assert.IsFalse(same.Findings.Any(f => f.Message.Contains("itself changed", StringComparison.Ordinal)));
    }

    [TestMethod]
    public void The_fingerprint_is_recorded_in_the_baseline()
    {
        var baseline = Baseline(Result("Sum", 100) with { MethodFingerprint = "0123456789abcdef" });

        StringAssert.Contains(PerfGate.Baselines.BaselineFile.Serialize(baseline), "\"ilHash\": \"0123456789abcdef\"");
        Assert.AreEqual("0123456789abcdef", baseline.Entries["Sample.Work.Sum"].IlHash);
    }
}

internal sealed class FingerprintTargetA
{
    private readonly int[] values = [1, 2, 3];

    public int Work() => values.Sum() + "text".Length;

    public int OtherWork() => values.Sum() * "text".Length;

    public int CallsSomethingElse() => values.Max() + "text".Length;
}

internal sealed class FingerprintTargetB
{
    private readonly int[] values = [4, 5, 6];

    public int Work() => values.Sum() + "text".Length;
}
