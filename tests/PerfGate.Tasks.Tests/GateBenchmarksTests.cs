using Microsoft.Build.Framework;

namespace PerfGate.Tasks.Tests;

/// <summary>
/// The task's boundary: settings validation, broken files, failing benchmark processes and unexpected errors all end as
/// coded, located MSBuild errors and a false return, never an exception. A real benchmark run is the end-to-end tests' job;
/// here the "dotnet host" is /bin/true or /bin/false, so no benchmark code is needed.
/// </summary>
[TestClass]
public sealed class GateBenchmarksTests
{
    private string directory = null!;
    private RecordingBuildEngine engine = null!;

    [TestInitialize]
    public void CreateProject()
    {
        directory = Directory.CreateTempSubdirectory("perfgate-task-").FullName;
        Directory.CreateDirectory(PathOf("bin"));
        engine = new RecordingBuildEngine();
    }

    [TestCleanup]
    public void DeleteProject() => Directory.Delete(directory, recursive: true);

    private string PathOf(string name) => Path.Combine(directory, name);

    private GateBenchmarks Task(string dotnetHost = "/bin/true") => new()
    {
        BuildEngine = engine,
        ProjectPath = PathOf("Bench.csproj"),
        AssemblyPath = PathOf("bin/Bench.dll"),
        WorkDirectory = PathOf("obj/perfgate"),
        BaselinePath = PathOf("perfgate.baseline.json"),
        DotnetHost = dotnetHost,
    };

    private BuildErrorEventArgs SingleError(string code)
    {
        Assert.AreEqual(1, engine.Errors.Count, string.Join(Environment.NewLine, engine.Errors.Select(e => e.Code + ": " + e.Message)));
        var error = engine.Errors[0];
        Assert.AreEqual(code, error.Code, error.Message);
        Assert.IsNull(error.Subcategory, "a subcategory hides the error from problem matchers");
        Assert.AreEqual(0, error.EndLineNumber, "an end position hides the error from problem matchers");
        Assert.AreEqual($"https://github.com/perfgate/PerfGate.Sdk/blob/main/docs/diagnostics.md#{code.ToLowerInvariant()}", error.HelpLink);
        return error;
    }

    [TestMethod]
    public void An_invalid_property_is_a_coded_error_at_the_project()
    {
        var task = Task();
        task.Job = "fast";
        task.IterationCount = "0";

        Assert.IsFalse(task.Execute());

        Assert.AreEqual(2, engine.Errors.Count);
        Assert.IsTrue(engine.Errors.All(e => e.Code == "PG3107" && e.File == PathOf("Bench.csproj")));
        StringAssert.Contains(engine.Errors[0].Message, "PerfGateIterationCount");
        StringAssert.Contains(engine.Errors[1].Message, "PerfGateJob");
        Assert.AreEqual("BLOCK", task.Verdict);
    }

    [TestMethod]
    public async Task A_corrupt_baseline_blocks_at_its_line_before_any_benchmark_runs()
    {
        await File.WriteAllTextAsync(PathOf("perfgate.baseline.json"), "{\n  \"schemaVersion\": 1,\n  \"benchmarks\": {\n<<<<<<< HEAD\n");
        var task = Task(dotnetHost: "/bin/false"); // Would be PG3100 if a benchmark process started.

        Assert.IsFalse(task.Execute());

        var error = SingleError("PG3103");
        Assert.AreEqual(PathOf("perfgate.baseline.json"), error.File);
        Assert.AreEqual(4, error.LineNumber);
        Assert.AreEqual(1, error.ColumnNumber);
        Assert.IsFalse(File.Exists(PathOf("obj/perfgate/benchmarks.log")));
    }

    [TestMethod]
    public async Task A_broken_config_blocks_at_its_line()
    {
        await File.WriteAllTextAsync(PathOf("perfgate.json"), "{\n  \"defaults\": { \"time\": { \"fail\": \"ten\" } }\n}");
        var task = Task();
        task.ConfigPath = PathOf("perfgate.json");

        Assert.IsFalse(task.Execute());

        var error = SingleError("PG3104");
        Assert.AreEqual(2, error.LineNumber);
        StringAssert.Contains(error.Message, "percentage");
    }

    [TestMethod]
    public void A_named_config_file_that_does_not_exist_blocks_but_a_default_one_does_not()
    {
        var named = Task();
        named.ConfigPath = PathOf("missing.json");
        named.ConfigPathIsExplicit = true;
        Assert.IsFalse(named.Execute());
        SingleError("PG3104");

        engine.Errors.Clear();
        var defaulted = Task();
        defaulted.ConfigPath = PathOf("missing.json");
        Assert.IsFalse(defaulted.Execute());
        SingleError("PG3101"); // It got as far as running (/bin/true), which wrote no results.
    }

    [TestMethod]
    public void A_benchmark_process_that_fails_blocks_with_its_exit_code()
    {
        var task = Task(dotnetHost: "/bin/false");

        Assert.IsFalse(task.Execute());

        var error = SingleError("PG3100");
        StringAssert.Contains(error.Message, "exit code 1");
        Assert.AreEqual(PathOf("Bench.csproj"), error.File);
        Assert.IsTrue(File.Exists(PathOf("obj/perfgate/report.json")));
        Assert.AreEqual("BLOCK", task.Verdict);
    }

    [TestMethod]
    public void A_benchmark_host_that_cannot_start_blocks_with_the_reason()
    {
        var task = Task(dotnetHost: PathOf("no-such-dotnet"));

        Assert.IsFalse(task.Execute());

        StringAssert.Contains(SingleError("PG3100").Message, "could not start");
    }

    [TestMethod]
    public void A_run_without_results_blocks()
    {
        var task = Task(dotnetHost: "/bin/true");

        Assert.IsFalse(task.Execute());

        StringAssert.Contains(SingleError("PG3101").Message, "produced no results");
    }

    [TestMethod]
    public async Task An_unexpected_failure_is_a_coded_error_not_an_exception()
    {
        await File.WriteAllTextAsync(PathOf("obj"), "a file where PerfGate's folder should go");
        var task = Task();

        Assert.IsFalse(task.Execute());

        var error = SingleError("PG3105");
        Assert.AreEqual(PathOf("Bench.csproj"), error.File);
        Assert.IsTrue(engine.Messages.Any(m => m.Importance == MessageImportance.Low && m.Message!.StartsWith("System.IO.", StringComparison.Ordinal)));
    }

    [TestMethod]
    public void Progress_is_logged_at_normal_importance()
    {
        Task(dotnetHost: "/bin/true").Execute();

        Assert.IsTrue(engine.Messages.Any(m => m.Importance == MessageImportance.Normal && m.Message!.StartsWith("PerfGate: running benchmarks", StringComparison.Ordinal)));
    }
}
