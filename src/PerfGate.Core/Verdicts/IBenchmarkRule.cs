using PerfGate.Diagnostics;

namespace PerfGate.Verdicts;

/// <summary>One kind of finding about one benchmark case (time, allocations, limits, BenchmarkDotNet's warnings).</summary>
public interface IBenchmarkRule
{
    IEnumerable<Finding> Judge(BenchmarkCase benchmark);
}
