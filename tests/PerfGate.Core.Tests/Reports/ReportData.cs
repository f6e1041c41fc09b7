using PerfGate.Reports;
using PerfGate.Results;
using PerfGate.Verdicts;
using static PerfGate.Core.Tests.TestData;

namespace PerfGate.Core.Tests.Reports;

/// <summary>Gate results for report tests: a regression, a pass, a faster case and names that try to break every format.</summary>
internal static class ReportData
{
    /// <summary>A [Params] value a user could write: markup, quotes, a pipe, a comma, a newline and an escape character.</summary>
    public const string HostileParam = "<script>alert('x')</script> \"q\" a|b, c\nd\u001b";

    public static BenchmarkResult Hostile(double centreNs) =>
        new($"Sample.Work.Parse(Text: {HostileParam})", "Sample", "Work", "Parse", "DefaultJob", Samples.Around(centreNs), 64, Gc: new GcCounts(1.5, 0, 0));

    public static GateResult Mixed()
    {
        var before = Run(Result("Sum", 100), Result("Fast", 100), Hostile(50));
        var after = Run(Result("Sum", 300), Result("Fast", 80), Hostile(50.2));
        return Evaluate(Request(after, Baseline(before.Results.ToArray())));
    }

    /// <summary>Many passing benchmarks, as a large suite has.</summary>
    public static GateResult Large(int count, int nameLength = 40)
    {
        var results = Enumerable.Range(0, count).Select(i => Result($"Method{i:0000}{new string('x', nameLength)}", 100 + i)).ToArray();
        return Evaluate(Request(Run(results), Baseline(results)));
    }

    public static RunDescription Description(string? baseDescription = null) =>
        new(ProjectPath, "/repo", "perfgate", new GitCommit(new string('a', 40), "main", "/repo"), baseDescription, BaselinePath, Host,
            TimeSpan.FromSeconds(83), new DateTimeOffset(2026, 11, 23, 17, 0, 0, TimeSpan.Zero));
}
