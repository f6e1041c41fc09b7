namespace PerfGate.Running;

/// <summary>How the benchmark process ended, with the last lines of its output for error messages.</summary>
/// <param name="ExitCode">The process's exit code; -1 when it could not start or was stopped.</param>
/// <param name="OutputTail">The last lines it printed.</param>
/// <param name="LogPath">Its whole output.</param>
/// <param name="TimedOut">What ran too long when the process was stopped for the timeout (a benchmark's name, or
/// BenchmarkDotNet's build before the first benchmark); null when it was not.</param>
/// <param name="StoppedBy">The signal that stopped the run (SIGTERM, SIGHUP); null when none did.</param>
public sealed record BenchmarkProcessResult(int ExitCode, IReadOnlyList<string> OutputTail, string LogPath, string? TimedOut = null, string? StoppedBy = null);
