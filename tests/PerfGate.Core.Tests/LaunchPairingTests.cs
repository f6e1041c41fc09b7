using PerfGate.Statistics;

namespace PerfGate.Core.Tests;

[TestClass]
public sealed class LaunchPairingTests
{
    [TestMethod]
    public void A_phase_both_launches_of_a_pair_shared_is_removed_and_the_change_inside_each_pair_is_kept()
    {
        // The second pair ran in a phase 40% slow: it slowed both builds alike; this build is 10% slower in every pair.
        double[][] reference = [Samples.Around(100, 5), Samples.Around(140, 5), Samples.Around(100, 5)];
        double[][] current = [Samples.Around(110, 5), Samples.Around(154, 5), Samples.Around(110, 5)];

        var (alignedReference, alignedCurrent) = LaunchPairing.Align(reference, current)!.Value;

        Assert.AreEqual(15, alignedReference.Count);
        Assert.AreEqual(15, alignedCurrent.Count);
        // Every pair now sits at one level: the reference's launches agree to the iteration, and so do this build's.
        CollectionAssert.AreEqual(alignedReference.Take(5).ToArray(), alignedReference.Skip(5).Take(5).ToArray(), new Tolerance());
        CollectionAssert.AreEqual(alignedCurrent.Take(5).ToArray(), alignedCurrent.Skip(5).Take(5).ToArray(), new Tolerance());
        Assert.AreEqual(1.10, alignedCurrent[2] / alignedReference[2], 1e-9);
        // Still nanoseconds, at the pairs' overall level: the noise floor keeps its meaning.
        var overall = Math.Cbrt(Math.Sqrt(100 * 110) * Math.Sqrt(140 * 154) * Math.Sqrt(100 * 110));
        Assert.AreEqual(overall, Math.Sqrt(alignedReference[2] * alignedCurrent[2]), 1e-6);
    }

    [TestMethod]
    public void Both_builds_are_treated_alike()
    {
        double[][] first = [Samples.Around(100, 5, 0.03), Samples.Around(125, 5)];
        double[][] second = [Samples.Around(103, 5), Samples.Around(121, 5, 0.02)];

        var forward = LaunchPairing.Align(first, second)!.Value;
        var swapped = LaunchPairing.Align(second, first)!.Value;

        CollectionAssert.AreEqual(forward.Reference.ToArray(), swapped.Current.ToArray(), new Tolerance());
        CollectionAssert.AreEqual(forward.Current.ToArray(), swapped.Reference.ToArray(), new Tolerance());
    }

    [TestMethod]
    public void Launches_that_do_not_pair_up_are_left_to_be_compared_as_measured()
    {
        double[] launch = Samples.Around(100, 5);

        Assert.IsNull(LaunchPairing.Align([launch, launch], [launch, launch, launch]), "a launch more on one side");
        Assert.IsNull(LaunchPairing.Align([launch], [launch]), "one launch a side: nothing to pair against");
        Assert.IsNull(LaunchPairing.Align([launch, []], [launch, launch]), "a launch without iterations");
        Assert.IsNull(LaunchPairing.Align([launch, [0, 0, 0]], [launch, launch]), "a launch of zero times has no level");
    }

    private sealed class Tolerance : System.Collections.IComparer
    {
        public int Compare(object? x, object? y) => Math.Abs((double)x! - (double)y!) < 1e-9 ? 0 : 1;
    }
}
