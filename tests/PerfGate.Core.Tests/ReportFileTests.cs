using PerfGate.Diagnostics;
using PerfGate.Reports;
using static PerfGate.Core.Tests.TestData;

namespace PerfGate.Core.Tests;

[TestClass]
public sealed class ReportFileTests
{
    [TestMethod]
    public async Task The_findings_of_a_written_report_read_back_with_code_and_location()
    {
        var result = Evaluate(Request(Run(Result("Sum", 300), Result("Added", 5)), Baseline(Result("Sum", 100))));
        var path = Path.Combine(Path.GetTempPath(), $"perfgate-report-{Guid.NewGuid():N}.json");
        try
        {
            await ReportFile.WriteAsync(path, ProjectPath, result);
            var text = await File.ReadAllTextAsync(path);
            var findings = await ReportFile.ReadFindingsAsync(path);

            StringAssert.Contains(text, "\"verdict\": \"FAIL\"");
            CollectionAssert.AreEqual(result.Findings.Select(f => f.Code).ToArray(), findings.Select(f => f.Code).ToArray());
            Assert.AreEqual(result.Findings[0].Location, findings[0].Location);
            Assert.AreEqual(result.Findings[0].Message, findings[0].Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    [DataRow("PG2001", 1, Tier.Fail)]
    [DataRow("PG1012", 12, Tier.Warn)]
    [DataRow("PG3103", 103, Tier.Block)]
    public void A_code_names_its_rule_and_tier(string code, int number, Tier tier)
    {
        var found = DiagnosticCatalog.Find(code);

        Assert.AreEqual(number, found!.Value.Rule.Number);
        Assert.AreEqual(tier, found.Value.Tier);
    }

    [TestMethod]
    [DataRow("PG2012")] // rule 012 is never a FAIL
    [DataRow("PG9001")]
    [DataRow("CS0168")]
    [DataRow("PG20")]
    public void Unknown_codes_are_not_found(string code) => Assert.IsNull(DiagnosticCatalog.Find(code));
}
