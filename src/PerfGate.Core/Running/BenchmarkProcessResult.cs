namespace PerfGate.Running;

/// <summary>How the benchmark process ended, with the last lines of its output for error messages.</summary>
public sealed record BenchmarkProcessResult(int ExitCode, IReadOnlyList<string> OutputTail, string LogPath);
