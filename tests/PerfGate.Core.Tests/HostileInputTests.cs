using PerfGate.Baselines;
using PerfGate.Diagnostics;
using PerfGate.Formatting;
using PerfGate.Statistics;
using PerfGate.Verdicts;
using static PerfGate.Core.Tests.TestData;

namespace PerfGate.Core.Tests;

/// <summary>Names, keys and paths that would break a diagnostic, a table or a pasted command.</summary>
[TestClass]
public sealed class HostileInputTests
{
    [TestMethod]
    public void A_newline_in_a_benchmark_name_stays_on_the_diagnostic_line()
    {
        var key = "Sample.Work.Sum(Text: \"a\nb\tc\u001b\")";
        var result = Evaluate(Request(Run(Result("Sum", 400) with { Key = key }), Baseline(Result("Sum", 100) with { Key = key })));

        var message = result.Findings.Single().Message;
        Assert.IsFalse(message.Any(char.IsControl), message);
        StringAssert.Contains(message, "Sum(Text: \"a\\nb\\tc\\u001B\")");
    }

    [TestMethod]
    [DataRow("Probe.Gen<Int32>.M", "'-p:PerfGateFilter=Probe.Gen<Int32>.M'")]
    [DataRow("Shop.Work.Sum", "-p:PerfGateFilter=Shop.Work.Sum")]
    [DataRow("It's.M", "'-p:PerfGateFilter=It'\\''s.M'")]
    public void The_accept_command_is_quoted_for_a_POSIX_shell(string filter, string expected)
    {
        Assert.AreEqual(expected, ShellQuoting.Quote($"-p:PerfGateFilter={filter}", windows: false));
    }

    [TestMethod]
    public void Windows_quoting_uses_double_quotes()
    {
        Assert.AreEqual("\"-p:PerfGateFilter=Probe.Gen<Int32>.M\"", ShellQuoting.Quote("-p:PerfGateFilter=Probe.Gen<Int32>.M", windows: true));
        Assert.AreEqual("\"a \"\"b\"\"\"", ShellQuoting.Quote("a \"b\"", windows: true));
    }

    [TestMethod]
    public void The_accept_command_names_the_project_relative_to_where_the_build_started()
    {
        var inside = new AcceptCommands("/repo/bench/Bench.csproj", "/repo");
        var outside = new AcceptCommands("/repo/bench/Bench.csproj", "/elsewhere");

        Assert.IsTrue(inside.RecordAll().StartsWith("dotnet build bench/Bench.csproj -p:PerfGate=true", StringComparison.Ordinal), inside.RecordAll());
        StringAssert.Contains(outside.RecordAll(), " /repo/bench/Bench.csproj ");
        StringAssert.EndsWith(inside.Accept("Probe.Gen<Int32>.M"), "'-p:PerfGateFilter=Probe.Gen<Int32>.M' '-p:PerfGateUpdateReason=why this change is intended'");
    }

    [TestMethod]
    public void A_tiny_p_value_is_never_printed_as_zero()
    {
        Assert.AreEqual("p<0.0001", RobustTimeComparisonRule.PValueText(0));
        Assert.AreEqual("p<0.0001", RobustTimeComparisonRule.PValueText(3e-9));
        Assert.AreEqual("p=0.0042", RobustTimeComparisonRule.PValueText(0.0042));
    }

    [TestMethod]
    public void A_time_finding_labels_the_medians_and_the_estimate()
    {
        var result = Evaluate(Request(Run(Result("Sum", 300)), Baseline(Result("Sum", 100))));

        var message = result.Findings.Single().Message;
        StringAssert.Contains(message, "median 100 ns -> ");
        StringAssert.Contains(message, "estimated change +");
        StringAssert.Contains(message, "(Hodges-Lehmann)");
        Assert.IsFalse(message.Contains("p=0 ", StringComparison.Ordinal) || message.Contains("p=0;", StringComparison.Ordinal), message);
    }

    [TestMethod]
    public async Task A_duplicate_key_in_the_config_is_a_located_error()
    {
        var error = await Assert.ThrowsExactlyAsync<PerfGateFileException>(() => ConfigAsync("""
            {
              "defaults": { "time": { "fail": 10 } },
              "defaults": { "allocated": { "fail": 5 } }
            }
            """));

        Assert.AreEqual(3, error.Line, error.Message);
        StringAssert.Contains(error.Problem.ToLowerInvariant(), "duplicate");
    }

    [TestMethod]
    public async Task A_duplicate_benchmark_in_the_baseline_is_a_located_error()
    {
        var path = Path.Combine(Path.GetTempPath(), $"perfgate-dup-{Guid.NewGuid():N}.json");
        var entry = """{ "job": "DefaultJob", "medianNs": 1, "samplesNs": [1, 1, 1, 1, 1] }""";
        await File.WriteAllTextAsync(path, $$"""
            {
              "schemaVersion": 1,
              "benchmarks": {
                "A.B.C": {{entry}},
                "A.B.C": {{entry}}
              }
            }
            """);
        try
        {
            var error = await Assert.ThrowsExactlyAsync<PerfGateFileException>(() => BaselineFile.ReadAsync(path));
            Assert.AreEqual(5, error.Line, error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
