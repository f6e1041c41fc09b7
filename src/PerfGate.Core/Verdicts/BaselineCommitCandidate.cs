namespace PerfGate.Verdicts;

/// <summary>
/// A benchmark to measure again beside the commit that recorded the committed baseline (<see cref="BaselineCommitCheck"/>),
/// and why, in words for the build log: what its first run measured against the baseline ("+12.0% against it"), or how far
/// apart its baseline's recording processes landed.
/// </summary>
public sealed record BaselineCommitCandidate(string Key, string Reason)
{
    public override string ToString() => $"{Key} ({Reason})";
}
