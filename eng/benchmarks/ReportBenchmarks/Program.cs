using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using PerfGate.Diagnostics;
using PerfGate.Reports;
using PerfGate.Results;
using PerfGate.Verdicts;

BenchmarkSwitcher.FromAssembly(typeof(ReportWriting).Assembly).Run(args);

/// <summary>
/// Writing every report format for a suite of 1,000 benchmark cases with 100 iterations a side (a large suite measured
/// with many iterations), from the report model the gate builds; the target is under 200 ms.
/// </summary>
[MemoryDiagnoser]
public class ReportWriting
{
    private GateResult result = null!;
    private RunDescription run = null!;
    private string directory = null!;

    [Params(1000)]
    public int Benchmarks { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        double[] Samples(double centre) => Enumerable.Range(0, 100).Select(_ => centre * (1 + (random.NextDouble() * 0.1))).ToArray();
        var outcomes = new List<BenchmarkOutcome>();
        var findings = new List<Finding>();
        for (var i = 0; i < Benchmarks; i++)
        {
            var key = $"MyApp.Parsers.Benchmark{i / 10:000}.Parse(Size: {i % 10 * 100})";
            var slow = i % 50 == 0;
            var before = Samples(1000 + i);
            var after = Samples((1000 + i) * (slow ? 1.2 : 1.0));
            outcomes.Add(new BenchmarkOutcome(key, slow ? Tier.Fail : Tier.Pass, slow ? "FAIL" : "PASS", before.Order().ElementAt(50), after.Order().ElementAt(50),
                slow ? 1.2 : 1.0, 240, 240, "Mann-Whitney p<0.0001 that it is more than 5% (half the budget) slower, needs p<0.01; 100 vs 100 iterations",
                0.02, slow ? "proven (p<0.01)" : "within budget", before, after, slow ? [Samples((1000 + i) * 1.2), Samples((1000 + i) * 1.2)] : [],
                new GcCounts(1.2, 0, 0), new GcCounts(1.2, 0, 0)));
            if (slow)
            {
                findings.Add(new Finding(DiagnosticCatalog.TimeRegression, Tier.Fail, $"{key}: time regressed ... If this is intended, accept it with: dotnet build Bench.csproj -p:PerfGate=true",
                    new SourceLocation("/repo/bench/Parsers.cs", 10 + i, 5), key));
            }
        }

        result = new GateResult(outcomes, findings) { Environment = new HostEnvironment("Linux", "CPU", 2, 2, ".NET 10", "X64", "0.14.0") };
        run = new RunDescription("/repo/bench/Bench.csproj", "/repo", "perfgate", null, null, "/repo/bench/perfgate.baseline.json", result.Environment,
            TimeSpan.FromMinutes(30), DateTimeOffset.UtcNow);
        directory = Directory.CreateTempSubdirectory("perfgate-report-benchmark-").FullName;
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(directory, recursive: true);

    /// <summary>Every format, written to disk as the gate writes them.</summary>
    [Benchmark(Baseline = true)]
    public Task WriteAllReports() => ReportSet.WriteAsync(directory, ReportFormats.All, result, run, CancellationToken.None);

    // Each format alone, in memory: where the time goes.
    [Benchmark]
    public string Markdown() => MarkdownSummary.Format(result, run);

    [Benchmark]
    public string MarkdownComment() => MarkdownSummary.Format(result, run, MarkdownSummary.GitHubCommentLimit);

    [Benchmark]
    public string Html() => HtmlReport.Create(result, run);

    [Benchmark]
    public object JUnit() => JUnitReport.Create(result, run);

    [Benchmark]
    public object Sarif() => SarifReport.Create(result.Findings, run);

    [Benchmark]
    public string Csv() => CsvReport.Create(result);
}
