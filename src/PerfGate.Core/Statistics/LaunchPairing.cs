namespace PerfGate.Statistics;

/// <summary>
/// Removes from two builds' iterations the slow or fast phase each pair of launches that ran at the same time shared
/// (PerfGateAbSchedule=shared-cpu): launch i of the base and launch i of this build ran side by side on one CPU, so a
/// phase of that CPU slowed both alike. Pooled as they are, such phases widen both sides' spread and hide the change
/// between them: on a noisy night Work.Polynomial's pairs measured 1.9-2.2% apart while its launches spread 7.8-10.0%
/// across pairs (docs/evaluation.md, "Shared CPU against turns on a noisy night"), and in one trial the rank test on the
/// pooled iterations of pairs at +8.7%, +8.7% and +9.1% proved nothing: the smallest slowdown it could have proven was
/// +30% (2026-12-06-shared-vs-turns/shared-1, ab-work10-busy-1). Each pair's iterations are divided by the pair's own
/// level (the geometric mean of its two launch medians) and multiplied by the level of all pairs, so the samples keep
/// their nanoseconds (the noise floor still applies) and the change inside each pair is untouched. Both sides are treated alike: with no change, swapping the
/// builds gives the same samples mirrored.
/// </summary>
/// <remarks>
/// Only for launches that ran together. Launches that take turns are seconds apart and each catches its own phase: their
/// levels are nearly independent, and removing a pair's level would shrink the spread the test sees without shrinking the
/// uncertainty of the change, which would make the test claim more than it knows.
/// </remarks>
public static class LaunchPairing
{
    /// <summary>
    /// The reference's and this build's iterations with each launch pair's shared level removed; null when the launches
    /// cannot be paired (a different count on each side, or a launch without iterations): then they are compared as measured.
    /// </summary>
    public static (IReadOnlyList<double> Reference, IReadOnlyList<double> Current)? Align(
        IReadOnlyList<IReadOnlyList<double>> referenceLaunches, IReadOnlyList<IReadOnlyList<double>> currentLaunches)
    {
        if (referenceLaunches.Count < 2 || referenceLaunches.Count != currentLaunches.Count
            || referenceLaunches.Concat(currentLaunches).Any(launch => launch.Count == 0 || launch.Any(v => !(v > 0) || !double.IsFinite(v))))
        {
            return null;
        }

        var levels = referenceLaunches.Zip(currentLaunches, (r, c) => Math.Sqrt(SampleSummary.MedianOf(r) * SampleSummary.MedianOf(c))).ToArray();
        var overall = Math.Exp(levels.Average(Math.Log));
        var reference = new List<double>();
        var current = new List<double>();
        for (var i = 0; i < levels.Length; i++)
        {
            var scale = overall / levels[i];
            reference.AddRange(referenceLaunches[i].Select(v => v * scale));
            current.AddRange(currentLaunches[i].Select(v => v * scale));
        }

        return (reference, current);
    }
}
