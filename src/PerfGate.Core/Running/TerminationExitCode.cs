namespace PerfGate.Running;

/// <summary>
/// Once a termination signal stopped the benchmarks, this process must not exit with 0, however it exits. The host (`dotnet
/// build`) ends itself on SIGTERM at a moment of its own: before the task has logged its BLOCK, and sometimes only after
/// the benchmark run returned and its own guard was gone (a CI run of 2026-12-02 then exited 0). So the exit code is
/// settled for the rest of the process's life, not only while the benchmark process runs.
/// </summary>
internal static class TerminationExitCode
{
    private static readonly object Gate = new();
    private static string? signal;
    private static bool said;

    /// <summary>The signal that stopped a run in this process, if one did.</summary>
    public static string? Signal
    {
        get
        {
            lock (Gate)
            {
                return signal;
            }
        }
    }

    /// <summary>Records <paramref name="received"/> (the first one counts) and makes the process's exit say it was terminated.</summary>
    public static void Remember(string received)
    {
        lock (Gate)
        {
            if (signal is not null)
            {
                return;
            }

            signal = received;
            AppDomain.CurrentDomain.ProcessExit += (_, _) => Exiting(received);
        }
    }

    /// <summary>
    /// This process is exiting after or while a run was stopped (<paramref name="received"/>: the signal, null when the host
    /// exits by itself mid-run): says so once, and makes the exit code 128 + the signal's number, as a shell reports a
    /// terminated process (143 without a signal), unless it already reports a failure.
    /// </summary>
    public static void Exiting(string? received)
    {
        lock (Gate)
        {
            if (!said)
            {
                said = true;
                Console.Error.WriteLine($"PerfGate: the build process is exiting{(received is null ? string.Empty : $" ({received})")} while benchmarks run; the benchmark processes were stopped and nothing was recorded.");
            }
        }

        if (Environment.ExitCode == 0)
        {
            Environment.ExitCode = received == "SIGHUP" ? 129 : 143;
        }
    }
}
