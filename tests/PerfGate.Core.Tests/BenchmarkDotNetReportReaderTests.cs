using PerfGate.Diagnostics;
using PerfGate.Results;

namespace PerfGate.Core.Tests;

/// <summary>
/// Reads full JSON reports that real BenchmarkDotNet runs wrote (Fixtures/). Only 0.14.0 runs on this workplace's NuGet
/// mirror: 0.13.x restores with Perfolizer 0.3.17 in place of its 0.2.x and crashes, so no real 0.13 report can be made here.
/// </summary>
[TestClass]
public sealed class BenchmarkDotNetReportReaderTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    [TestMethod]
    [DataRow("bdn-0.14.0-report-full.json", "0.14.0")]
    public async Task Reads_params_cases_samples_allocations_and_environment(string fixture, string version)
    {
        var run = await BenchmarkDotNetReportReader.ReadFileAsync(Fixture(fixture));

        Assert.AreEqual(version, run.Environment.BenchmarkDotNetVersion);
        Assert.IsTrue(run.Environment.LogicalCores > 0);
        CollectionAssert.IsSubsetOf(new[] { "Sample.Work.Sum(N: 100)", "Sample.Work.Sum(N: 200)" }, run.Results.Select(r => r.Key).ToArray());
        foreach (var result in run.Results)
        {
            Assert.AreEqual("Sample", result.Namespace);
            Assert.AreEqual("Work", result.TypeName);
            Assert.IsFalse(result.Failed, result.Key);
            Assert.IsTrue(result.SamplesNs.Count >= 3, result.Key);
            Assert.AreEqual(0L, result.AllocatedBytes, result.Key);
            Assert.IsFalse(result.Job.StartsWith("Job-", StringComparison.Ordinal), result.Job);
        }
    }

    [TestMethod]
    public async Task A_benchmark_without_statistics_is_a_failed_result()
    {
        var text = await File.ReadAllTextAsync(Fixture("bdn-0.14.0-report-full.json"));
        var node = System.Text.Json.Nodes.JsonNode.Parse(text)!;
        node["Benchmarks"]![0]!.AsObject().Remove("Statistics");
        var path = Path.Combine(Path.GetTempPath(), $"perfgate-{Guid.NewGuid():N}-report-full.json");
        await File.WriteAllTextAsync(path, node.ToJsonString());
        try
        {
            var run = await BenchmarkDotNetReportReader.ReadFileAsync(path);

            Assert.AreEqual(1, run.Failed.Count());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    [DataRow("{\n  \"Benchmarks\": [ { \"FullName\": 3 } ]\n}", 2, DisplayName = "a name that is a number")]
    [DataRow("{\n  \"Benchmarks\": [ { \"FullName\": \"A.B\",\n    \"Measurements\": [ { \"IterationMode\": 5 } ] } ]\n}", 3, DisplayName = "an iteration mode that is a number")]
    public async Task A_file_that_is_not_a_report_is_refused_with_its_position(string text, int line)
    {
        var path = Path.Combine(Path.GetTempPath(), $"perfgate-{Guid.NewGuid():N}-report-full.json");
        await File.WriteAllTextAsync(path, text);
        try
        {
            var error = await Assert.ThrowsExactlyAsync<PerfGateFileException>(() => BenchmarkDotNetReportReader.ReadFileAsync(path));

            Assert.AreEqual(line, error.Line);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public async Task Only_workload_results_are_kept_and_split_by_launch()
    {
        static string Measurement(string mode, string stage, int launch, double nanoseconds) =>
            $$"""{ "IterationMode": "{{mode}}", "IterationStage": "{{stage}}", "LaunchIndex": {{launch}}, "IterationIndex": 1, "Operations": 4, "Nanoseconds": {{nanoseconds}}, "Extra": { "nested": [1, 2] } }""";
        var measurements = string.Join(",\n", new[]
        {
            Measurement("Overhead", "Jitting", 1, 999), Measurement("Workload", "Pilot", 1, 999), Measurement("Workload", "Actual", 1, 999),
            Measurement("Workload", "Result", 1, 40), Measurement("Overhead", "Actual", 2, 999), Measurement("Workload", "Result", 1, 44),
            Measurement("Workload", "Result", 2, 48), Measurement("Workload", "Warmup", 2, 999), Measurement("Workload", "Result", 2, 52),
        });
        var path = Path.Combine(Path.GetTempPath(), $"perfgate-{Guid.NewGuid():N}-report-full.json");
        await File.WriteAllTextAsync(path, $$"""{ "Benchmarks": [ { "FullName": "A.B", "Statistics": { "OriginalValues": [10, 11, 12, 13] }, "Measurements": [ {{measurements}} ] } ] }""");
        try
        {
            var run = await BenchmarkDotNetReportReader.ReadFileAsync(path);

            var launches = run.Results.Single().LaunchSamplesNs!;
            Assert.AreEqual(2, launches.Count);
            CollectionAssert.AreEqual(new[] { 10.0, 11.0 }, launches[0].ToArray());
            CollectionAssert.AreEqual(new[] { 12.0, 13.0 }, launches[1].ToArray());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    [DataRow("Work.Sum: DefaultJob [N=10]", "DefaultJob")]
    [DataRow("Work.Sum: Job-GRLGYW(IterationCount=8, WarmupCount=2) [N=10]", "IterationCount=8, WarmupCount=2")]
    [DataRow("Work.Sum: ShortRun(IterationCount=3, LaunchCount=1, WarmupCount=3)", "ShortRun(IterationCount=3, LaunchCount=1, WarmupCount=3)")]
    [DataRow("Work.Sum: Job-NREETZ(Arguments=\"/p:LibSlow=true\",\"/p:V=1\", IterationCount=10, WarmupCount=6)", "IterationCount=10, WarmupCount=6")]
    [DataRow("Work.Sum: Job-NREETZ(Arguments=\"/p:LibSlow=true\") [N=10]", "DefaultJob")]
    [DataRow(null, "unknown")]
    public void The_job_is_its_settings_without_the_random_id_and_the_forwarded_build_properties(string? displayInfo, string job) =>
        Assert.AreEqual(job, BenchmarkDotNetReportReader.JobOf(displayInfo));

    [TestMethod]
    public async Task Two_jobs_for_one_benchmark_keep_two_keys()
    {
        var directory = Directory.CreateTempSubdirectory("perfgate-results-").FullName;
        try
        {
            var text = await File.ReadAllTextAsync(Fixture("bdn-0.14.0-report-full.json"));
            await File.WriteAllTextAsync(Path.Combine(directory, "A-report-full.json"), text);
            await File.WriteAllTextAsync(Path.Combine(directory, "B-report-full.json"), text.Replace("Job-", "Other-", StringComparison.Ordinal));

            var run = await BenchmarkDotNetReportReader.ReadDirectoryAsync(directory);

            Assert.AreEqual(run.Results.Count, run.Results.Select(r => r.Key).Distinct().Count());
            Assert.IsTrue(run.Results.Count >= 8);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
