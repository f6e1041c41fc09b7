using PerfGate.Diagnostics;
using PerfGate.Running;
using static PerfGate.Core.Tests.TestData;

namespace PerfGate.Core.Tests;

/// <summary>What the benchmark process reports beyond the JSON report: build failures and BenchmarkDotNet's warnings.</summary>
[TestClass]
public sealed class RunNotesTests
{
    private const string BuildOutput = """
        Determining projects to restore...
        /src/Bench/Broken.cs(3,8): error CS1029: #error: 'release only' [/tmp/bdn/Bench-1.csproj]
        /src/Bench/Other.cs(9,1): error CS0103: The name 'x' does not exist [/tmp/bdn/Bench-1.csproj]
        """;

    [TestMethod]
    public void The_first_located_build_error_is_quoted_at_its_file_and_line()
    {
        var (text, location) = RunNotes.FirstBuildError(BuildOutput);

        Assert.AreEqual("/src/Bench/Broken.cs(3,8): error CS1029: #error: 'release only'", text);
        Assert.AreEqual(new SourceLocation("/src/Bench/Broken.cs", 3, 8), location);
    }

    [TestMethod]
    public void A_failed_build_is_one_BLOCK_naming_every_benchmark_it_stopped()
    {
        var notes = new RunNotes(new Dictionary<string, string> { ["Sample.Work.Sum"] = BuildOutput, ["Sample.Work.Parse"] = BuildOutput }, []);
        var run = Run(Result("Sum", 100, count: 0), Result("Parse", 100, count: 0));

        var result = Evaluate(Request(run, Baseline(Result("Sum", 100), Result("Parse", 100)), notes: notes));

        var finding = result.Findings.Single();
        Assert.AreEqual("PG3108", finding.Code);
        StringAssert.Contains(finding.Message, "2 benchmark(s) did not run (Sample.Work.Parse, Sample.Work.Sum)");
        StringAssert.Contains(finding.Message, "error CS1029");
        Assert.AreEqual(3, finding.Location!.Line);
        Assert.IsTrue(result.Outcomes.All(o => o.Status == "not built"));
    }

    [TestMethod]
    public void BenchmarkDotNet_warnings_are_PG1008_at_the_benchmark_and_multimodality_only_completes_a_time_finding()
    {
        var notes = new RunNotes(new Dictionary<string, string>(),
        [
            new RunNotes.Warning("Sample.Work.Sum", RunNotes.MultimodalAnalyser, "It seems that the distribution is bimodal (mValue = 3.8)"),
            new RunNotes.Warning("Sample.Work.Parse", "ZeroMeasurement", "The method duration is indistinguishable from the empty method duration"),
        ]);

        var result = Evaluate(Request(Run(Result("Sum", 400), Result("Parse", 100)), Baseline(Result("Sum", 100), Result("Parse", 100)), notes: notes));

        var warnings = result.Findings.Where(f => f.Code == "PG1008").ToArray();
        // Multimodality comes and goes between runs of unchanged code, so it is no warning of its own.
        Assert.AreEqual("Sample.Work.Parse", warnings.Single().Benchmark);
        StringAssert.Contains(warnings.Single(w => w.Benchmark == "Sample.Work.Parse").Message, "BenchmarkDotNet warns (ZeroMeasurement)");
        Assert.AreEqual("/repo/bench/Parse.cs", warnings.Single(w => w.Benchmark == "Sample.Work.Parse").Location!.File);
        StringAssert.Contains(result.Findings.Single(f => f.Code == "PG2001").Message, "distribution multimodal");
    }

    [TestMethod]
    public void The_notes_file_is_read_line_by_line_and_a_broken_line_is_skipped()
    {
        var directory = Directory.CreateTempSubdirectory("perfgate-notes-").FullName;
        try
        {
            File.WriteAllLines(Path.Combine(directory, RunNotes.FileName),
            [
                """{"kind":"buildFailed","benchmark":"A.B.C","source":"","message":"x.cs(1,2): error CS1: y"}""",
                "{ not json",
                """{"kind":"warning","benchmark":"A.B.D","source":"MinIterationTime","message":"too short"}""",
            ]);

            var notes = RunNotes.Read(directory);

            Assert.AreEqual("x.cs(1,2): error CS1: y", notes.BuildFailures["A.B.C"]);
            Assert.AreEqual(new RunNotes.Warning("A.B.D", "MinIterationTime", "too short"), notes.Warnings.Single());
            Assert.AreSame(RunNotes.None, RunNotes.Read(Path.Combine(directory, "missing")));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [TestMethod]
    public void Global_properties_are_forwarded_except_those_that_must_differ()
    {
        var forwarded = ForwardedProperties.Select(new Dictionary<string, string>
        {
            ["Configuration"] = "Debug",
            ["PerfGate"] = "true",
            ["PerfGateIterationCount"] = "10",
            ["LibSlow"] = "true",
            ["Version"] = "1.2.3",
            ["CurrentSolutionConfigurationContents"] = "<x/>",
            ["WarningsAsErrors"] = "PG1012",
        });

        CollectionAssert.AreEqual(new[] { "LibSlow=true", "Version=1.2.3" }, forwarded.ToArray());
    }
}
