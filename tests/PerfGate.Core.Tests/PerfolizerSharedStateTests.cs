using System.Reflection;

namespace PerfGate.Core.Tests;

/// <summary>
/// PerfGate runs ED-PELT, quantile estimators, Mann-Whitney's approximate distribution and its own statistics on every core
/// at once and serializes only Perfolizer's exact Mann-Whitney distribution (Statistics/PerfolizerLock.cs). That is safe because Perfolizer keeps no other mutable shared state;
/// this test lists what it has, so an upgrade that adds some fails here and gets its parallel use reviewed.
/// </summary>
[TestClass]
public sealed class PerfolizerSharedStateTests
{
    [TestMethod]
    public void Perfolizer_keeps_no_mutable_static_state_but_the_binomial_table_and_constants()
    {
        var assembly = typeof(Perfolizer.Sample).Assembly;
        var mutable = assembly.GetTypes()
            .Where(type => !type.IsEnum && !type.Name.StartsWith("<>", StringComparison.Ordinal))
            .SelectMany(type => type.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
                .Where(field => !field.IsInitOnly && !field.IsLiteral && !field.Name.StartsWith('<'))
                .Select(field => $"{type.FullName}.{field.Name}"))
            .Order(StringComparer.Ordinal)
            .ToArray();

        CollectionAssert.AreEqual(new[]
        {
            "Perfolizer.Mathematics.Common.BinomialCoefficientHelper.pascalTriangle",
            "Perfolizer.Mathematics.Common.Range.NaN",
            "Perfolizer.Mathematics.Common.Range.NegativeInfinity",
            "Perfolizer.Mathematics.Common.Range.PositiveInfinity",
            "Perfolizer.Mathematics.Common.Range.Zero",
        }, mutable, string.Join(", ", mutable));
    }
}
