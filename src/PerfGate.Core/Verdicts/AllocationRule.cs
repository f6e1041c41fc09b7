using PerfGate.Diagnostics;
using PerfGate.Formatting;

namespace PerfGate.Verdicts;

/// <summary>
/// Allocations are near-deterministic, so they are compared directly, with a tolerance of one byte or 0.1%. In A/B mode
/// they are compared with the base build's run first and then with the committed baseline (if any), so an increase that
/// either shows is reported, once.
/// </summary>
public sealed class AllocationRule : IBenchmarkRule
{
    public IEnumerable<Finding> Judge(BenchmarkCase benchmark)
    {
        var references = benchmark.Request.IsAb ? new[] { benchmark.BaseResult?.AllocatedBytes, benchmark.Entry?.AllocatedBytes } : [benchmark.Entry?.AllocatedBytes];
        foreach (var before in references)
        {
            if (Increase(benchmark, before) is Finding finding)
            {
                return [finding];
            }
        }

        return [];
    }

    private static Finding? Increase(BenchmarkCase benchmark, long? reference)
    {
        var result = benchmark.Result;
        if (reference is not long before || result.AllocatedBytes is not long after)
        {
            return null;
        }

        // Zero stays zero exactly; otherwise allow the rounding of bytes-per-operation.
        var tolerance = before == 0 ? 0 : Math.Max(1, before / 1000);
        var increase = after - before;
        if (increase <= tolerance)
        {
            return null;
        }

        var relative = before == 0 ? double.PositiveInfinity : (double)increase / before;
        foreach (var (tier, threshold) in benchmark.Budget.Allocated.MostSevereFirst())
        {
            if (relative > threshold.Fraction)
            {
                var change = before == 0 ? $"+{UnitFormat.Bytes(increase)}, was allocation-free" : $"+{UnitFormat.Bytes(increase)}, {UnitFormat.Change((double)after / before)}";
                var budgetText = threshold.Value == 0 ? "no increase" : $"+{threshold}";
                var accept = benchmark.Request.Commands.Accept(result.MethodFilter);
                return new Finding(DiagnosticCatalog.AllocationRegression, tier,
                    DiagnosticCatalog.AllocationRegression.FormatMessage(result.Key, UnitFormat.Bytes(before), UnitFormat.Bytes(after), change,
                        tier.ToString().ToUpperInvariant(), budgetText, accept),
                    benchmark.Request.Locate(result.Key, result), result.Key, accept);
            }
        }

        return null;
    }
}
