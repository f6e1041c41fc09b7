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
        Assert.AreEqual(6, lines.Length);
        Assert.AreEqual(1, lines.Skip(1).Take(4).Select(l => l.LastIndexOf('|')).Distinct().Count(), "columns are aligned");
        StringAssert.Contains(lines[1], "Baseline median");
        StringAssert.Contains(lines[1], "Change (est.)");
        Assert.AreEqual(SummaryTable.Legend, lines[5], "the estimate is explained under the table");
        var sum = lines.Single(l => l.Contains("Sample.Work.Sum", StringComparison.Ordinal));
        StringAssert.Contains(sum, "100 ns");
        StringAssert.Contains(sum, "300 ns");
        StringAssert.Contains(sum, "+200.0%");
        StringAssert.Contains(lines.Single(l => l.Contains("Parse", StringComparison.Ordinal)), "2,048 B");
    }

    [TestMethod]
    public void A_name_with_a_newline_stays_on_its_row()
    {
        var key = "Sample.Work.Parse(Text: \"a\nb\")";
        var result = Evaluate(Request(Run(Result("Sum", 100) with { Key = key }), Baseline(Result("Sum", 100) with { Key = key })));

        var table = SummaryTable.Format(result, "Bench");

        StringAssert.Contains(table, "Parse(Text: \"a\\nb\")");
        Assert.AreEqual(5, table.Split(Environment.NewLine).Length, table);
    }
}
