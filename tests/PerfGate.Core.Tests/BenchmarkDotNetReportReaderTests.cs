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

    /// <summary>
    /// A report several times the reader's buffer (1 MB), with one benchmark larger than the buffer on its own: the
    /// benchmarks cut by the buffer's end are read again whole, and the large one makes the buffer grow.
    /// </summary>
    [TestMethod]
    public async Task A_report_larger_than_the_read_buffer_is_read_benchmark_by_benchmark()
    {
        var (text, _) = LargeReport(benchmarks: 40, brokenAt: null);
        var path = await WriteTemporaryReportAsync(text);
        try
        {
            var run = await BenchmarkDotNetReportReader.ReadFileAsync(path);

            Assert.IsTrue(new FileInfo(path).Length > 3_000_000, "the report must span several buffers");
            Assert.AreEqual(40, run.Results.Count);
            foreach (var (result, index) in run.Results.OrderBy(r => int.Parse(r.Method[1..], System.Globalization.CultureInfo.InvariantCulture)).Select((r, i) => (r, i)))
            {
                Assert.AreEqual($"Big.Suite.M{index}", result.Key);
                Assert.AreEqual(2L * index, result.AllocatedBytes);
                Assert.AreEqual(2, result.LaunchSamplesNs!.Count, result.Key);
                var perLaunch = index == 7 ? 4000 : 200;
                CollectionAssert.AreEqual(Enumerable.Range(0, perLaunch).Select(i => index + i / 1000.0).ToArray(), result.LaunchSamplesNs[0].ToArray(), result.Key);
                CollectionAssert.AreEqual(Enumerable.Range(0, perLaunch).Select(i => index + 0.5 + i / 1000.0).ToArray(), result.LaunchSamplesNs[1].ToArray(), result.Key);
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public async Task An_error_past_the_first_read_buffer_is_reported_at_its_line_and_column()
    {
        var (text, (line, column)) = LargeReport(benchmarks: 40, brokenAt: 30);
        var path = await WriteTemporaryReportAsync(text);
        try
        {
            var error = await Assert.ThrowsExactlyAsync<PerfGateFileException>(() => BenchmarkDotNetReportReader.ReadFileAsync(path));

            Assert.AreEqual((line, column), (error.Line, error.Column), error.Message);
            StringAssert.Contains(error.Problem, "a number");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public async Task Allocated_bytes_written_as_a_string_are_read()
    {
        var path = await WriteTemporaryReportAsync("""{ "Benchmarks": [ { "FullName": "A.B", "Statistics": { "OriginalValues": [1, 2] }, "Memory": { "BytesAllocatedPerOperation": "1024" } } ] }""");
        try
        {
            var run = await BenchmarkDotNetReportReader.ReadFileAsync(path);

            Assert.AreEqual(1024L, run.Results.Single().AllocatedBytes);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>
    /// A report of <paramref name="benchmarks"/> benchmarks M0, M1, ... in two launches, written as BenchmarkDotNet indents
    /// it, with overhead and warm-up iterations between the workload results; benchmark 7 is larger than the reader's
    /// buffer. With <paramref name="brokenAt"/>, that benchmark's last "Nanoseconds" is a string; returns its 1-based line
    /// and column.
    /// </summary>
    private static (string Text, (int Line, int Column) Broken) LargeReport(int benchmarks, int? brokenAt)
    {
        var text = new System.Text.StringBuilder("{\n  \"Title\": \"large\",\n  \"HostEnvironmentInfo\": { \"LogicalCoreCount\": 2 },\n  \"Benchmarks\": [\n");
        var broken = (0, 0);
        for (var b = 0; b < benchmarks; b++)
        {
            var perLaunch = b == 7 ? 4000 : 200;
            var launches = new[] { 1, 2 };
            var values = launches.SelectMany(launch => Enumerable.Range(0, perLaunch).Select(i => b + (launch - 1) * 0.5 + i / 1000.0)).ToArray();
            text.Append(b == 0 ? "    {\n" : ",\n    {\n");
            text.Append($"      \"DisplayInfo\": \"Suite.M{b}: DefaultJob\",\n      \"Namespace\": \"Big\",\n      \"Type\": \"Suite\",\n      \"Method\": \"M{b}\",\n      \"FullName\": \"Big.Suite.M{b}\",\n");
            text.Append($"      \"Statistics\": {{ \"Mean\": 1.5, \"OriginalValues\": [ {string.Join(", ", values.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)))} ] }},\n");
            text.Append($"      \"Memory\": {{ \"Gen0Collections\": 0, \"Gen1Collections\": 0, \"Gen2Collections\": 0, \"TotalOperations\": 1000, \"BytesAllocatedPerOperation\": {2 * b} }},\n");
            text.Append("      \"Measurements\": [\n");
            var first = true;
            foreach (var launch in launches)
            {
                for (var i = 0; i < perLaunch; i++)
                {
                    foreach (var (mode, stage) in new[] { ("Overhead", "Actual"), ("Workload", "Actual"), ("Workload", "Result") })
                    {
                        var nanoseconds = (b + (launch - 1) * 0.5 + i / 1000.0) * 4;
                        text.Append(first ? string.Empty : ",\n");
                        first = false;
                        var isBroken = b == brokenAt && launch == 2 && i == perLaunch - 1 && stage == "Result";
                        var prefix = $"        {{ \"IterationMode\": \"{mode}\", \"IterationStage\": \"{stage}\", \"LaunchIndex\": {launch}, \"IterationIndex\": {i + 1}, \"Operations\": 4, \"Nanoseconds\": ";
                        if (isBroken)
                        {
                            var before = text.ToString();
                            broken = (before.Count(c => c == '\n') + 1, before.Length - before.LastIndexOf('\n') + prefix.Length);
                        }

                        text.Append(prefix).Append(isBroken ? "\"slow\"" : nanoseconds.ToString("R", System.Globalization.CultureInfo.InvariantCulture)).Append(" }");
                    }
                }
            }

            text.Append("\n      ]\n    }");
        }

        text.Append("\n  ]\n}\n");
        return (text.ToString(), broken);
    }

    private static async Task<string> WriteTemporaryReportAsync(string text)
    {
        var path = Path.Combine(Path.GetTempPath(), $"perfgate-{Guid.NewGuid():N}-report-full.json");
        await File.WriteAllTextAsync(path, text);
        return path;
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
