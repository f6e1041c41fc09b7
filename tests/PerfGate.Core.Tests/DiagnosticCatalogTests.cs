using System.Text.RegularExpressions;
using PerfGate.Diagnostics;

namespace PerfGate.Core.Tests;

[TestClass]
public sealed partial class DiagnosticCatalogTests
{
    private static IEnumerable<string> AllCodes => DiagnosticCatalog.All.SelectMany(r => r.AllCodes);

    [TestMethod]
    public void Rule_numbers_are_unique_and_codes_carry_the_tier()
    {
        Assert.AreEqual(DiagnosticCatalog.All.Count, DiagnosticCatalog.All.Select(r => r.Number).Distinct().Count());
        Assert.AreEqual("PG2001", DiagnosticCatalog.TimeRegression.CodeAt(Tier.Fail));
        Assert.AreEqual("PG3001", DiagnosticCatalog.TimeRegression.CodeAt(Tier.Block));
        Assert.AreEqual("PG3103", DiagnosticCatalog.BaselineUnreadable.CodeAt(Tier.Block));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => DiagnosticCatalog.BaselineUnreadable.CodeAt(Tier.Warn));
    }

    [TestMethod]
    public void Docs_list_every_code_and_no_other()
    {
        var docs = File.ReadAllText(Path.Combine(RepoRoot(), "docs", "diagnostics.md"));
        var documented = DocumentedCode().Matches(docs).Select(m => m.Groups[1].Value).ToHashSet();

        CollectionAssert.AreEquivalent(AllCodes.Order().ToArray(), documented.Order().ToArray());
    }

    private static string RepoRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "PerfGate.Sdk.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("PerfGate.Sdk.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"^###\s+(PG\d{4})\b", RegexOptions.Multiline)]
    private static partial Regex DocumentedCode();
}
