using System.Diagnostics;
using System.Runtime.InteropServices;

namespace PerfGate.Running;

/// <summary>
/// Runs the benchmark process and owns it until it ends: streams its output line by line (every line to the log file and
/// to <c>onLine</c>), stops its whole process tree when one benchmark runs longer than the timeout, when the build is
/// cancelled (Ctrl+C), when this process is asked to terminate (SIGTERM, SIGHUP: a CI cancel) and when this process exits.
/// Nothing it started is left running.
/// </summary>
public static class BenchmarkProcess
{
    private const int TailLines = 25;

    /// <summary>BenchmarkDotNet prints this as each benchmark starts.</summary>
    public const string BenchmarkStartMarker = "// Benchmark: ";

    /// <summary>What runs before the first benchmark starts.</summary>
    public const string BeforeFirstBenchmark = "BenchmarkDotNet's build of the benchmark project (before the first benchmark)";

    private static readonly TimeSpan TickInterval = TimeSpan.FromSeconds(1);

    /// <param name="onTick">Called about once a second while the process runs (for progress lines).</param>
    public static Task<BenchmarkProcessResult> RunAsync(BenchmarkRunSettings settings, string logPath, Action<string> onLine, Action onTick, CancellationToken cancellation) =>
        RunAsync(settings.DotnetHost, settings.Arguments(), Path.GetDirectoryName(settings.AssemblyPath)!, settings.BenchmarkTimeout, innerBuild: true,
            BeforeFirstBenchmark, logPath, onLine, onTick, cancellation);

    /// <summary>
    /// Runs any dotnet command the gate owns (the benchmark process, the A/B base's build) with the same guarantees: output
    /// to the log, a timeout per step, and the whole process tree stopped on a hang, Ctrl+C, SIGTERM or exit.
    /// </summary>
    /// <param name="innerBuild">Sets PerfGateInnerBuild=true for every build the process runs, so none of them gates itself.</param>
    /// <param name="firstStep">What runs until BenchmarkDotNet announces its first benchmark (the timeout's subject).</param>
    public static async Task<BenchmarkProcessResult> RunAsync(string fileName, IReadOnlyList<string> arguments, string workingDirectory, TimeSpan stepTimeout,
        bool innerBuild, string firstStep, string logPath, Action<string> onLine, Action onTick, CancellationToken cancellation)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        ScrubBuildEnvironment(start.Environment, innerBuild);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(logPath))!);
        await using var log = new StreamWriter(logPath, append: false) { AutoFlush = true };
        var tail = new Queue<string>();
        var gate = new object();
        var step = firstStep;
        var stepClock = Stopwatch.StartNew();
        void Receive(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (gate)
            {
                log.WriteLine(line);
                tail.Enqueue(line);
                if (tail.Count > TailLines)
                {
                    tail.Dequeue();
                }

                if (line.StartsWith(BenchmarkStartMarker, StringComparison.Ordinal))
                {
                    step = line[BenchmarkStartMarker.Length..];
                    stepClock.Restart();
                }

                onLine(line);
            }
        }

        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Receive(e.Data);
        process.ErrorDataReceived += (_, e) => Receive(e.Data);
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception error)
        {
            // No such host or folder: as much a failed benchmark process as a crash, and reported the same way.
            Receive($"PerfGate could not start '{fileName}' in '{start.WorkingDirectory}': {error.Message}");
            return new BenchmarkProcessResult(-1, tail.ToArray(), logPath);
        }

        using var stopOnExit = new ProcessTreeGuard(process);
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var exited = process.WaitForExitAsync(CancellationToken.None);
        while (!exited.IsCompleted)
        {
            try
            {
                await Task.WhenAny(exited, Task.Delay(TickInterval, cancellation)).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Handled below.
            }

            if (cancellation.IsCancellationRequested)
            {
                await stopOnExit.StopAsync().ConfigureAwait(false);
                cancellation.ThrowIfCancellationRequested();
            }

            if (stopOnExit.Signal is not null)
            {
                await stopOnExit.StopAsync().ConfigureAwait(false);
                lock (gate)
                {
                    return new BenchmarkProcessResult(-1, tail.ToArray(), logPath, StoppedBy: stopOnExit.Signal);
                }
            }

            if (exited.IsCompleted)
            {
                break;
            }

            onTick();
            string? hung = null;
            lock (gate)
            {
                if (stepClock.Elapsed > stepTimeout)
                {
                    hung = step;
                }
            }

            if (hung is not null)
            {
                await stopOnExit.StopAsync().ConfigureAwait(false);
                lock (gate)
                {
                    return new BenchmarkProcessResult(-1, tail.ToArray(), logPath, TimedOut: hung);
                }
            }
        }

        await exited.ConfigureAwait(false);
        // WaitForExitAsync returns after the output streams reached their end, so the tail is complete.
        lock (gate)
        {
            return new BenchmarkProcessResult(process.ExitCode, tail.ToArray(), logPath);
        }
    }

    /// <summary>
    /// The build's MSBuild variables would leak into the `dotnet build` BenchmarkDotNet runs for its generated project
    /// and point it at this build's MSBuild node. PerfGateInnerBuild=true (an environment variable, so a property in
    /// every nested build) keeps a project that sets PerfGate=true permanently from gating itself recursively.
    /// </summary>
    private static void ScrubBuildEnvironment(IDictionary<string, string?> environment, bool innerBuild)
    {
        foreach (var name in environment.Keys.ToArray())
        {
            if (name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || name.StartsWith("_MSBUILD", StringComparison.OrdinalIgnoreCase)
                || name.Equals("MSBUILD_EXE_PATH", StringComparison.OrdinalIgnoreCase))
            {
                environment.Remove(name);
            }
        }

        if (innerBuild)
        {
            environment["PerfGateInnerBuild"] = "true";
        }
        else
        {
            environment.Remove("PerfGateInnerBuild");
        }

        environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        environment["DOTNET_NOLOGO"] = "1";
    }

    /// <summary>
    /// While the benchmark process runs: a termination request to this process (SIGTERM from a CI cancel or `kill`, SIGHUP
    /// from a closed terminal) stops the benchmark tree and is reported instead of ending this process with the children
    /// still running; and if this process exits anyway, the tree is killed on the way out.
    /// </summary>
    private sealed class ProcessTreeGuard : IDisposable
    {
        private readonly Process process;
        private readonly List<PosixSignalRegistration> registrations = [];

        public ProcessTreeGuard(Process process)
        {
            this.process = process;
            AppDomain.CurrentDomain.ProcessExit += KillOnExit;
            foreach (var signal in new[] { PosixSignal.SIGTERM, PosixSignal.SIGHUP })
            {
                try
                {
                    registrations.Add(PosixSignalRegistration.Create(signal, context =>
                    {
                        context.Cancel = true;
                        Signal ??= context.Signal.ToString();
                        TerminationExitCode.Remember(Signal);
                        Console.Error.WriteLine($"PerfGate: {Signal} received; stopping the benchmark processes.");
                        Kill();
                    }));
                }
                catch (PlatformNotSupportedException)
                {
                    // Windows has no SIGHUP; ProcessExit still covers the host going away.
                }
            }
        }

        /// <summary>The signal that asked this process to stop, if one did.</summary>
        public string? Signal { get; private set; }

        public async Task StopAsync()
        {
            Kill();
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // It was killed; the output streams may stay open if a grandchild inherited them. Nothing more to wait for.
            }
        }

        public void Dispose()
        {
            AppDomain.CurrentDomain.ProcessExit -= KillOnExit;
            registrations.ForEach(r => r.Dispose());
        }

        /// <summary>
        /// This process is exiting while benchmarks run (a host that ends itself on SIGTERM, or anything else): stop the tree
        /// and make sure the exit code does not say the build succeeded.
        /// </summary>
        private void KillOnExit(object? sender, EventArgs e)
        {
            Kill();
            TerminationExitCode.Exiting(Signal);
        }

        private void Kill()
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                }
            }
            catch (Exception error) when (error is InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Already gone.
            }
        }
    }
}
