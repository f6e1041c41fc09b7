using PerfGate.Reports;
using static PerfGate.Core.Tests.TestData;

namespace PerfGate.Core.Tests;

[TestClass]
public sealed class SummaryTableTests
{
    [TestMethod]
    public void Shows_the_verdict_then_one_aligned_row_per_benchmark()
    {
        var result = Evaluate(Request(Run(Result("Sum", 300), Result("Parse", 50, allocated: 2048)), Baseline(Result("Sum", 100), Result("Parse", 50, allocated: 2048))));

        var lines = SummaryTable.Format(result, "Bench").Split(Environment.NewLine);

        StringAssert.StartsWith(lines[0], "PerfGate Bench: FAIL (2 benchmarks: 1 FAIL, 1 PASS)");
        Assert.AreEqual(5, lines.Length);
        Assert.AreEqual(1, lines.Skip(1).Select(l => l.LastIndexOf('|')).Distinct().Count(), "columns are aligned");
        var sum = lines.Single(l => l.Contains("Sample.Work.Sum", StringComparison.Ordinal));
        StringAssert.Contains(sum, "100 ns");
        StringAssert.Contains(sum, "300 ns");
        StringAssert.Contains(sum, "+200.0%");
        StringAssert.Contains(lines.Single(l => l.Contains("Parse", StringComparison.Ordinal)), "2,048 B");
    }
}
