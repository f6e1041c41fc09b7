using PerfGate.Baselines;
using PerfGate.Configuration;
using PerfGate.Diagnostics;
using PerfGate.Formatting;
using PerfGate.Statistics;

namespace PerfGate.Verdicts;

/// <summary>
/// The config's absolute limits, maxTime and maxAllocatedBytes: checked on this run alone, with or without a baseline. A time
/// measured on a CPU shared with the other build (A/B, PerfGateAbSchedule=shared-cpu) is no lone time: maxTime is not judged.
/// </summary>
public sealed class LimitRule : IBenchmarkRule
{
    public IEnumerable<Finding> Judge(BenchmarkCase benchmark)
    {
        var result = benchmark.Result;
        var budget = benchmark.Budget;
        var median = SampleSummary.MedianOf(result.SamplesNs);
        if (budget.MaxTime is Duration maxTime && median > maxTime.Nanoseconds && benchmark.Request.SharedCpu is null)
        {
            yield return new Finding(DiagnosticCatalog.TimeLimitExceeded, Tier.Fail,
                DiagnosticCatalog.TimeLimitExceeded.FormatMessage(result.Key, UnitFormat.Time(median), maxTime),
                benchmark.Request.Locate(result.Key, result), result.Key);
        }

        if (budget.MaxAllocatedBytes is long maxBytes && result.AllocatedBytes is long bytes && bytes > maxBytes)
        {
            yield return new Finding(DiagnosticCatalog.AllocationLimitExceeded, Tier.Fail,
                DiagnosticCatalog.AllocationLimitExceeded.FormatMessage(result.Key, UnitFormat.Bytes(bytes), UnitFormat.Bytes(maxBytes)),
                benchmark.Request.Locate(result.Key, result), result.Key);
        }
    }
}
