using System.Runtime.CompilerServices;
using PerfGate.Locations;
using PerfGate.Results;

namespace PerfGate.Core.Tests;

[TestClass]
public sealed class PdbMethodLocatorTests
{
    private static BenchmarkResult ResultFor(string typeName, string method) =>
        new($"PerfGate.Core.Tests.{typeName}.{method}", "PerfGate.Core.Tests", typeName, method, "DefaultJob", [1.0], 0);

    [TestMethod]
    public void Finds_the_declaration_line_of_a_method_in_this_assembly()
    {
        using var locator = PdbMethodLocator.Open(typeof(LocatorTarget).Assembly.Location);

        var location = locator.Locate(ResultFor("LocatorTarget", "Measure"));

        Assert.IsNotNull(location);
        StringAssert.EndsWith(location.File, "PdbMethodLocatorTests.cs");
        Assert.AreEqual(LocatorTarget.LineAboveMeasure + 1, location.Line);
        Assert.AreEqual(16, location.Column); // "public int Measure()": the method's name.
    }

    [TestMethod]
    public void Finds_nested_and_generic_benchmark_classes_by_their_BenchmarkDotNet_names()
    {
        using var locator = PdbMethodLocator.Open(typeof(LocatorTarget).Assembly.Location);

        Assert.AreEqual(LocatorTarget.Nested.LineAboveRun + 1, locator.Locate(ResultFor("LocatorTarget.Nested", "Run"))?.Line);
        Assert.AreEqual(GenericTarget<int>.LineAboveRun + 1, locator.Locate(ResultFor("GenericTarget<Int32>", "Run"))?.Line);
    }

    [TestMethod]
    public void Knows_nothing_of_a_missing_assembly_or_method()
    {
        using var missing = PdbMethodLocator.Open("/nonexistent/Bench.dll");
        using var locator = PdbMethodLocator.Open(typeof(LocatorTarget).Assembly.Location);

        Assert.IsNull(missing.Locate(ResultFor("LocatorTarget", "Measure")));
        Assert.IsNull(locator.Locate(ResultFor("LocatorTarget", "NoSuchMethod")));
    }
}

internal static class Line
{
    public static int Here([CallerLineNumber] int line = 0) => line;
}

internal sealed class LocatorTarget
{
    public static readonly int LineAboveMeasure = Line.Here();
    public int Measure()
    {
        var total = 0;
        for (var i = 0; i < 10; i++)
        {
            total += i;
        }

        return total;
    }

    internal sealed class Nested
    {
        public static readonly int LineAboveRun = Line.Here();
        public static int Run() => Environment.ProcessorCount * 2;
    }
}

internal sealed class GenericTarget<T>
{
    public static readonly int LineAboveRun = Line.Here();
    public int Run() => typeof(T).Name.Length;
}
