using System.Diagnostics;

namespace PerfGate.Running;

/// <summary>
/// Runs the benchmark process, streams its output line by line (every line to the log file and to <c>onLine</c>) and kills
/// the whole process tree when cancelled (Ctrl+C in the build).
/// </summary>
public static class BenchmarkProcess
{
    private const int TailLines = 25;

    public static async Task<BenchmarkProcessResult> RunAsync(BenchmarkRunSettings settings, string logPath, Action<string> onLine, CancellationToken cancellation)
    {
        var start = new ProcessStartInfo(settings.DotnetHost)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(settings.AssemblyPath)!,
        };
        foreach (var argument in settings.Arguments())
        {
            start.ArgumentList.Add(argument);
        }

        ScrubBuildEnvironment(start.Environment);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(logPath))!);
        await using var log = new StreamWriter(logPath, append: false) { AutoFlush = true };
        var tail = new Queue<string>();
        var gate = new object();
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
            Receive($"PerfGate could not start '{settings.DotnetHost}' in '{start.WorkingDirectory}': {error.Message}");
            return new BenchmarkProcessResult(-1, tail.ToArray(), logPath);
        }

        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(cancellation).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

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
    private static void ScrubBuildEnvironment(IDictionary<string, string?> environment)
    {
        foreach (var name in environment.Keys.ToArray())
        {
            if (name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || name.StartsWith("_MSBUILD", StringComparison.OrdinalIgnoreCase)
                || name.Equals("MSBUILD_EXE_PATH", StringComparison.OrdinalIgnoreCase))
            {
                environment.Remove(name);
            }
        }

        environment["PerfGateInnerBuild"] = "true";
        environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        environment["DOTNET_NOLOGO"] = "1";
    }
}
