using System.Diagnostics;
using System.Text;

namespace PerfGate.EndToEnd.Tests;

/// <summary>Runs the real dotnet CLI as a child process with a clean, reproducible environment.</summary>
internal static class DotnetCli
{
    public sealed record Result(int ExitCode, string Output)
    {
        public IReadOnlyList<BuildDiagnostic> Diagnostics => BuildDiagnostic.Parse(Output);

        /// <summary>
        /// PerfGate's diagnostics, except PG1008 (BenchmarkDotNet's own warnings, such as MinIterationTime when one iteration
        /// of the short test job lands under 100 ms): whether BenchmarkDotNet warns depends on this machine's timing, so tests
        /// that count diagnostics leave it out. <see cref="Diagnostics"/> has everything.
        /// </summary>
        public IEnumerable<BuildDiagnostic> PerfGate => Diagnostics.Where(d => d.Code.StartsWith("PG", StringComparison.Ordinal) && d.Code != "PG1008");

        /// <summary>
        /// For an assertion's message: the exit code and PerfGate's diagnostic lines first, then the whole output. CI logs
        /// cut the middle of a long message, so what decided the verdict must come before the build's chatter.
        /// </summary>
        public string Describe()
        {
            var verdictLines = Output.Split('\n').Where(line => line.Contains(": warning PG", StringComparison.Ordinal) || line.Contains(": error PG", StringComparison.Ordinal)
                || line.Contains("PerfGate", StringComparison.Ordinal) && line.Contains("PASS", StringComparison.Ordinal)).Distinct();
            return $"exit {ExitCode}{Environment.NewLine}{string.Join(Environment.NewLine, verdictLines.Select(line => line.TrimEnd()))}{Environment.NewLine}--- whole output ---{Environment.NewLine}{Output}";
        }
    }

    public static Task<Result> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string?> environment, params string[] arguments) =>
        RunAsync(workingDirectory, environment, null, arguments);

    /// <param name="onStarted">Called with the running process (to signal it, for example).</param>
    public static async Task<Result> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string?> environment, Action<Process>? onStarted, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // A CI host's variables change how the SDK logs; the test's own build's MSBuild variables would leak into the child.
        foreach (var name in start.Environment.Keys.ToArray())
        {
            if (name.StartsWith("GITHUB_", StringComparison.Ordinal) || name.StartsWith("BUILD_", StringComparison.Ordinal)
                || name.StartsWith("SYSTEM_", StringComparison.Ordinal) || name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("PERFGATE_E2E_", StringComparison.Ordinal) || name == "CI" || name == "TF_BUILD")
            {
                start.Environment.Remove(name);
            }
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        onStarted?.Invoke(process);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {string.Join(' ', arguments)} did not finish in 8 minutes:{Environment.NewLine}{output}");
        }

        return new Result(process.ExitCode, output.ToString());
    }
}
