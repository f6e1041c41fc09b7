using PerfGate.Baselines;
using PerfGate.Configuration;
using PerfGate.Results;

namespace PerfGate.Verdicts;

/// <summary>Everything the rules need to judge one benchmark case that ran and measured.</summary>
/// <param name="Request">The whole gate request (budgets, rounds, commands, locations).</param>
/// <param name="Result">This build's first-round result.</param>
/// <param name="Entry">The committed baseline's entry; null when it has none.</param>
/// <param name="BaseResult">In A/B mode, the base build's first-round result; null when it has no such benchmark or
/// outside A/B mode.</param>
/// <param name="Budget">The budgets that apply to it.</param>
/// <param name="Differences">What differs between where its time reference and this run were measured (machine,
/// runtime, job); empty when comparable, and always empty in A/B mode.</param>
public sealed record BenchmarkCase(
    GateRequest Request,
    BenchmarkResult Result,
    BaselineEntry? Entry,
    BenchmarkResult? BaseResult,
    BenchmarkBudget Budget,
    IReadOnlyList<string> Differences)
{
    public string Key => Result.Key;

    /// <summary>The median of what time is compared with: the base build's run in A/B mode, else the baseline's.</summary>
    public double? ReferenceMedianNs => Request.IsAb ? (BaseResult is null ? null : BaselineEntry.Median(BaseResult.SamplesNs)) : Entry?.MedianNs;

    public bool HasTimeReference => ReferenceMedianNs is not null;

    /// <summary>The benchmark method's own IL differs from the one the baseline (or the base build) measured.</summary>
    public bool Rewritten =>
        (Request.IsAb ? BaseResult?.MethodFingerprint : Entry?.IlHash) is string before && Result.MethodFingerprint is string after && before != after;
}
