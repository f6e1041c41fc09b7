using PerfGate.Baselines;
using PerfGate.Configuration;
using PerfGate.Diagnostics;
using PerfGate.Results;
using PerfGate.Statistics;
using PerfGate.Verdicts;

namespace PerfGate.Core.Tests;

/// <summary>Builders for runs, baselines and gate requests.</summary>
internal static class TestData
{
    public const string BaselinePath = "/repo/bench/perfgate.baseline.json";
    public const string ProjectPath = "/repo/bench/Bench.csproj";

    public static readonly HostEnvironment Host = new("Linux", "CPU", 2, 2, ".NET 10", "X64", "0.14.0");

    public static BenchmarkResult Result(string method, double centreNs, long? allocated = 0, string type = "Work", int count = 15) =>
        new($"Sample.{type}.{method}", "Sample", type, method, "DefaultJob", count == 0 ? [] : Samples.Around(centreNs, count), allocated);

    public static BenchmarkRun Run(params BenchmarkResult[] results) => new(Host, results);

    public static Baseline Baseline(params BenchmarkResult[] results) => PerfGate.Baselines.Baseline.Empty.UpdatedWith(Run(results), null);

    public static GateRequest Request(BenchmarkRun run, Baseline? baseline, GateConfig? config = null, bool filtered = false,
        bool recording = false, bool failOnRegression = true, BenchmarkRun[]? confirmations = null, PerfGate.Running.RunNotes? notes = null) =>
        new(run, baseline, BaselinePath, config ?? GateConfig.BuiltIn, filtered, recording, failOnRegression,
            new AcceptCommands(ProjectPath), "/repo/bench/obj/perfgate/benchmarks.log",
            (key, result) => new SourceLocation(result is null ? BaselinePath : $"/repo/bench/{result.Method}.cs", 10, 5),
            confirmations?.Select(c => new MeasurementRound(c)).ToArray(), notes);

    /// <summary>An A/B request: this build's run against the base build's run, each round a pair.</summary>
    public static GateRequest AbRequest(BenchmarkRun current, BenchmarkRun baseRun, Baseline? baseline = null, GateConfig? config = null,
        MeasurementRound[]? confirmations = null, IReadOnlySet<string>? accepted = null) =>
        Request(current, baseline, config) with
        {
            Base = baseRun,
            BaseDescription = "origin/main (merge base 1a2b3c4d5e)",
            Confirmations = confirmations,
            AcceptedInChange = accepted,
        };

    /// <summary>The codes of a result's findings, sorted.</summary>
    public static string[] Codes(GateResult result) => result.Findings.Select(f => f.Code).Order().ToArray();

    public static GateResult Evaluate(GateRequest request) => new GateEvaluator(new RobustTimeComparisonRule()).Evaluate(request);

    public static async Task<GateConfig> ConfigAsync(string json)
    {
        var path = Path.Combine(Path.GetTempPath(), $"perfgate-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, json);
        try
        {
            return await GateConfig.ReadAsync(path);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
