using System.Runtime.InteropServices;

namespace PerfGate.EndToEnd.Tests;

/// <summary>
/// The most common real layout: a library project and a benchmark project that references it, central package management
/// with a versionless PerfGate.Sdk reference, and a Directory.Build.props that turns the gate on in CI, so a plain
/// `dotnet build` with CI=true is the gated build. Each test changes what a user changes (the library, a -p: switch, the
/// benchmark method, a file BenchmarkDotNet cannot build) and puts it back.
/// </summary>
[TestClass]
public sealed partial class LibraryLayoutTests
{
    private const string Project = "Bench/Bench.csproj";
    private static readonly Dictionary<string, string?> InCi = new() { ["CI"] = "true" };
    private static Scenario scenario = null!;
    private static DotnetCli.Result recording = null!;
    private static DotnetCli.Result rightAfterRecording = null!;
    private static DateTime logAfterRecording;
    private static bool anyFailed;

    public TestContext TestContext { get; set; } = null!;

    private static string LogPath => scenario.PathOf("Bench", "obj", "Debug", "net10.0", "perfgate", "benchmarks.log");

    [ClassInitialize]
    public static async Task RecordInCiAsync(TestContext context)
    {
        scenario = Scenario.Create("LibraryLayout");
        recording = await scenario.BuildAsync(Project, InCi, [.. Scenario.FastJob, "-p:PerfGateUpdateBaseline=true"]);
        logAfterRecording = File.GetLastWriteTimeUtc(LogPath);
        rightAfterRecording = await scenario.BuildAsync(Project, InCi, Scenario.FastJob);
    }

    [TestCleanup]
    public void NoteFailure() => anyFailed |= TestContext.CurrentTestOutcome != UnitTestOutcome.Passed;

    [ClassCleanup]
    public static void KeepFolderOfFailures()
    {
        if (anyFailed)
        {
            scenario.Keep();
        }
    }

    private static string Describe(DotnetCli.Result result) => result.Describe();

    private static async Task<T> WithFileChangedAsync<T>(string file, string from, string to, Func<Task<T>> action)
    {
        var path = scenario.PathOf(file);
        var original = await File.ReadAllTextAsync(path);
        Assert.IsTrue(original.Contains(from, StringComparison.Ordinal), $"{file} has no '{from}'");
        await File.WriteAllTextAsync(path, original.Replace(from, to, StringComparison.Ordinal));
        try
        {
            return await action();
        }
        finally
        {
            await File.WriteAllTextAsync(path, original);
        }
    }

    private static void AssertFailsAt(DotnetCli.Result result, string method)
    {
        Assert.AreEqual(1, result.ExitCode, Describe(result));
        var error = result.PerfGate.Single(d => d.Severity == "error");
        Assert.AreEqual("PG2001", error.Code, Describe(result));
        Assert.AreEqual(scenario.PathOf("Bench", "Program.cs"), error.File);
        Assert.AreEqual(scenario.LineOf(Path.Combine("Bench", "Program.cs"), $"public long {method}("), error.Line, error.ToString());
        StringAssert.StartsWith(error.Message, $"Bench.LibBenchmarks.{method}: time regressed, median ");
    }

    [TestMethod]
    public void A_plain_build_in_CI_records_with_central_package_management_and_the_next_says_it_was_just_recorded()
    {
        Assert.AreEqual(0, recording.ExitCode, Describe(recording));
        var baseline = File.ReadAllText(scenario.PathOf("Bench", "perfgate.baseline.json"));
        StringAssert.Contains(baseline, "\"Bench.LibBenchmarks.Checksum\": {");
        StringAssert.Contains(baseline, "\"Bench.LibBenchmarks.Inline\": {");
        Assert.IsFalse(Directory.Exists(scenario.PathOf("Lib", "obj", "Debug", "net10.0", "perfgate")), "the library is not gated");
        // Progress at the default verbosity: each benchmark as it starts.
        StringAssert.Contains(recording.Output, "PerfGate Bench: [1/2] LibBenchmarks.Checksum");

        Assert.AreEqual(0, rightAfterRecording.ExitCode, Describe(rightAfterRecording));
        StringAssert.Contains(rightAfterRecording.Output, "the baseline was recorded from this same build, and nothing has changed since");
        Assert.AreEqual(logAfterRecording, File.GetLastWriteTimeUtc(LogPath), "no benchmark ran");
    }

    [TestMethod]
    public async Task A_plain_build_between_two_gated_builds_does_not_rerun_the_benchmarks()
    {
        var gated = await scenario.BuildAsync(Project, InCi, [.. Scenario.FastJob, "-p:PerfGateForce=true"]);
        var ranAt = File.GetLastWriteTimeUtc(LogPath);
        var plain = await scenario.BuildAsync(Project, null, Scenario.FastJob);
        var again = await scenario.BuildAsync(Project, InCi, Scenario.FastJob);

        Assert.AreEqual(0, gated.ExitCode, Describe(gated));
        Assert.AreEqual(0, plain.ExitCode, Describe(plain));
        Assert.IsFalse(plain.Output.Contains("PerfGate Bench", StringComparison.Ordinal), "a plain build does nothing of PerfGate");
        Assert.AreEqual(0, again.ExitCode, Describe(again));
        StringAssert.Contains(again.Output, "unchanged since the last gated run");
        Assert.AreEqual(ranAt, File.GetLastWriteTimeUtc(LogPath), "the recompiled assembly has the same content: nothing reran");
    }

    [TestMethod]
    public async Task A_slowdown_in_the_referenced_library_reruns_the_gate_and_fails_without_PerfGateForce()
    {
        var settled = await scenario.BuildAsync(Project, InCi, Scenario.FastJob);
        Assert.AreEqual(0, settled.ExitCode, Describe(settled));

        var slowed = await WithFileChangedAsync(Path.Combine("Lib", "Checksum.cs"), "Passes = 1;", "Passes = 4;",
            () => scenario.BuildAsync(Project, InCi, Scenario.FastJob));

        AssertFailsAt(slowed, "Checksum");
    }

    [TestMethod]
    public async Task Properties_on_the_command_line_reach_BenchmarkDotNets_build_and_the_filter_takes_spaces()
    {
        // The documented form: globs separated by spaces inside one quoted argument (the shell passes it as one).
        var result = await scenario.BuildAsync(Project, InCi,
            [.. Scenario.FastJob, "-p:LibSlow=true", "-p:PerfGateFilter=Bench.LibBenchmarks.Checksum Bench.LibBenchmarks.Inline"]);

        AssertFailsAt(result, "Checksum");
        StringAssert.Contains(result.Output, "PerfGate Bench: [2/2] LibBenchmarks.Inline");
    }

    [TestMethod]
    public async Task A_regression_written_inside_the_benchmark_method_fails_and_says_the_method_changed()
    {
        var result = await WithFileChangedAsync(Path.Combine("Bench", "Program.cs"), "pass < 1;", "pass < 4;",
            () => scenario.BuildAsync(Project, InCi, Scenario.FastJob));

        AssertFailsAt(result, "Inline");
        StringAssert.Contains(result.PerfGate.Single(d => d.Severity == "error").Message, "The [Benchmark] method itself changed since the baseline was recorded");
    }

    [TestMethod]
    public async Task A_project_BenchmarkDotNet_cannot_build_is_one_BLOCK_at_the_first_error()
    {
        var file = scenario.PathOf("Bench", "ReleaseOnly.cs");
        await File.WriteAllTextAsync(file, "// Compiles in the Debug build, not in BenchmarkDotNet's Release build.\n#if !DEBUG\n#error PerfGate E2E: Release only\n#endif\n");
        DotnetCli.Result result;
        try
        {
            result = await scenario.BuildAsync(Project, InCi, Scenario.FastJob);
        }
        finally
        {
            File.Delete(file);
        }

        Assert.AreEqual(1, result.ExitCode, Describe(result));
        var error = result.PerfGate.Single(d => d.Severity == "error");
        Assert.AreEqual("PG3108", error.Code, Describe(result));
        Assert.AreEqual(file, error.File);
        Assert.AreEqual(3, error.Line);
        StringAssert.Contains(error.Message, "2 benchmark(s) did not run (Bench.LibBenchmarks.Checksum, Bench.LibBenchmarks.Inline)");
        StringAssert.Contains(error.Message, "error CS1029");
    }

    [TestMethod]
    public async Task Two_gated_builds_of_one_project_at_once_both_end_with_the_right_verdict()
    {
        var settled = await scenario.BuildAsync(Project, InCi, Scenario.FastJob);
        Assert.AreEqual(0, settled.ExitCode, Describe(settled));

        var first = scenario.BuildAsync(Project, InCi, [.. Scenario.FastJob, "-p:PerfGateForce=true"]);
        var second = scenario.BuildAsync(Project, InCi, [.. Scenario.FastJob, "-p:PerfGateForce=true"]);
        var results = await Task.WhenAll(first, second);

        foreach (var result in results)
        {
            Assert.AreEqual(0, result.ExitCode, Describe(result));
            Assert.AreEqual(0, result.PerfGate.Count(d => d.Severity == "error"), Describe(result));
            StringAssert.Matches(result.Output, SummaryLine());
        }

        Assert.IsTrue(results.Any(r => r.Output.Contains("another gated build of this project is running", StringComparison.Ordinal)),
            "one waited for the other, and said so");
    }

    [TestMethod]
    public async Task A_hung_benchmark_is_a_BLOCK_at_its_method_and_leaves_no_process_running()
    {
        var pids = Directory.CreateTempSubdirectory("perfgate-hang-").FullName;
        try
        {
            var result = await scenario.BuildAsync(Project, new Dictionary<string, string?>(InCi) { ["PERFGATE_E2E_HANG_PIDS"] = pids },
                [.. Scenario.FastJob, "-p:PerfGateForce=true", "-p:PerfGateBenchmarkTimeout=0.5"]);

            Assert.AreEqual(1, result.ExitCode, Describe(result));
            var error = result.PerfGate.Single(d => d.Severity == "error");
            Assert.AreEqual("PG3109", error.Code, Describe(result));
            Assert.AreEqual(scenario.LineOf(Path.Combine("Bench", "Program.cs"), "public long Checksum("), error.Line, error.ToString());
            StringAssert.StartsWith(error.Message, "LibBenchmarks.Checksum: ");
            AssertNoneRunning(pids);
        }
        finally
        {
            Directory.Delete(pids, recursive: true);
        }
    }

    [TestMethod]
    public async Task SIGTERM_during_a_run_stops_every_benchmark_process_and_the_build_fails()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            Assert.Inconclusive("POSIX signals only.");
            return;
        }

        var pids = Directory.CreateTempSubdirectory("perfgate-sigterm-").FullName;
        try
        {
            var result = await scenario.BuildAsync(Project, new Dictionary<string, string?>(InCi) { ["PERFGATE_E2E_HANG_PIDS"] = pids },
                build => _ = Task.Run(async () =>
                {
                    // Signal once the benchmark process is inside the hung benchmark.
                    for (var i = 0; i < 600 && !Directory.EnumerateFiles(pids).Any() && !build.HasExited; i++)
                    {
                        await Task.Delay(500);
                    }

                    _ = Kill(build.Id, 15);
                }),
                [.. Scenario.FastJob, "-p:PerfGateForce=true"]);

            Assert.IsTrue(Directory.EnumerateFiles(pids).Any(), "the benchmark was running when the signal came: " + Describe(result));
            // `dotnet build` ends itself on SIGTERM (before MSBuild could log a diagnostic); PerfGate's guard stops the benchmark
            // tree on the way out, says so, and makes the exit code 143 (128 + SIGTERM) instead of the 0 it was.
            Assert.AreEqual(143, result.ExitCode, Describe(result));
            StringAssert.Contains(result.Output, "PerfGate: SIGTERM received; stopping the benchmark processes.");
            StringAssert.Contains(result.Output, "the benchmark processes were stopped and nothing was recorded");
            Assert.IsFalse(File.Exists(scenario.PathOf("Bench", "obj", "Debug", "net10.0", "perfgate", "gate.stamp")), "the next build runs again");
            AssertNoneRunning(pids);
        }
        finally
        {
            Directory.Delete(pids, recursive: true);
        }
    }

    /// <summary>Every benchmark process that wrote its id into <paramref name="pids"/> has ended.</summary>
    internal static void AssertNoneRunning(string pids)
    {
        var ids = Directory.EnumerateFiles(pids, "*.pid").Select(f => int.Parse(Path.GetFileNameWithoutExtension(f), System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.IsTrue(ids.Length > 0, "the hung benchmark ran");
        foreach (var id in ids)
        {
            Assert.IsFalse(Directory.Exists($"/proc/{id}") && !File.ReadAllText($"/proc/{id}/stat").Contains(") Z ", StringComparison.Ordinal),
                $"benchmark process {id} is still running");
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    [System.Text.RegularExpressions.GeneratedRegex(@"PerfGate Bench: (PASS|WARN) \(2 benchmarks")]
    private static partial System.Text.RegularExpressions.Regex SummaryLine();
}
