namespace PerfGate.Statistics;

/// <summary>
/// Serializes calls into Perfolizer 0.3.17's significance tests and estimators: they are not thread-safe (concurrent calls,
/// from parallel unit tests or two projects' MSBuild tasks in one process, made its Mann-Whitney test throw "value=-Infinity
/// ... should be in range [0;1]"; its exact distribution reads a static table of binomial coefficients that is built on
/// first use without a lock). PerfGate's own statistics (<see cref="PairwiseMedian"/>, medians, the rank sum of
/// <see cref="OneSidedMannWhitney"/>) and Perfolizer's approximate Mann-Whitney distribution, which reads no shared state, run
/// outside it, so the comparisons of a large suite use every core.
/// </summary>
internal static class PerfolizerLock
{
    public static readonly Lock Calls = new();
}
