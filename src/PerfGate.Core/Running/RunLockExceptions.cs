namespace PerfGate.Running;

/// <summary>Waiting for a run lock took longer than its timeout.</summary>
public sealed class RunLockTimeoutException(string path, string? holder, TimeSpan waited)
    : Exception($"waited {Formatting.UnitFormat.Elapsed(waited)} for {holder ?? "another PerfGate run"} to release {path}")
{
    public string LockPath { get; } = path;

    public string? Holder { get; } = holder;

    public TimeSpan Waited { get; } = waited;
}

/// <summary>A run lock's file cannot be used at all (a directory, a missing folder, no permission).</summary>
public sealed class RunLockUnusableException(string path, string problem) : Exception($"the lock file {path} cannot be used: {problem}")
{
    public string LockPath { get; } = path;

    public string Problem { get; } = problem;
}
