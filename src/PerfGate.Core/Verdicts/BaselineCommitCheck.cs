using System.Globalization;
using PerfGate.Diagnostics;
using PerfGate.Formatting;

namespace PerfGate.Verdicts;

/// <summary>
/// Puts a committed-baseline run and its check against the baseline's commit together. A slowdown the first run measured
/// against the committed baseline may be the machine's: a phase that lasts minutes, or a slower VM than the recording's,
/// moves every benchmark alike and repeats in every confirmation round (docs/evaluation.md measured false FAILs so). So the
/// gate measures those benchmarks again in A/B mode, beside the commit that last changed the baseline, whose code recorded
/// it, and their time verdict is that A/B run's, confirmation rounds included (also where the baseline was measured on
/// another machine, runtime or job, which alone caps time at the warning PG1006). Everything else (allocations, limits, every
/// other benchmark) stays as the first run judged it against the baseline.
/// </summary>
public static class BaselineCommitCheck
{
    /// <summary>The findings of a benchmark's time against its reference, which the check's replace.</summary>
    public static bool IsTimeFinding(Finding finding) =>
        finding.Rule == DiagnosticCatalog.TimeRegression || finding.Rule == DiagnosticCatalog.TimeInconclusive || finding.Rule == DiagnosticCatalog.TimeNotComparable;

    /// <summary>The benchmarks the check judged: the A/B run compared their time with the baseline commit's build.</summary>
    public static IReadOnlySet<string> Judged(GateResult check) =>
        check.Outcomes.Where(o => o.TimeRatio is not null).Select(o => o.Key).ToHashSet(StringComparer.Ordinal);

    /// <param name="request">The first run's request, against the committed baseline.</param>
    /// <param name="first">Its verdicts, without confirmation rounds.</param>
    /// <param name="check">The A/B run of the checked benchmarks against the baseline's commit, confirmation rounds included.</param>
    /// <param name="commitDescription">The commit as messages name it.</param>
    /// <param name="comparable">Whether a benchmark's time was judged against a comparable baseline (for PG0060); a checked one always was.</param>
    /// <param name="flagged">Whether the first run flagged a benchmark for the check; the others were measured alongside them
    /// (PerfGateCheckEveryBenchmark), and their evidence says so. Null: every checked benchmark was flagged.</param>
    public static GateResult Merge(GateRequest request, GateResult first, GateResult check, string commitDescription, Func<string, bool> comparable,
        Func<string, bool>? flagged = null)
    {
        var judged = Judged(check);
        var before = first.Outcomes.Where(o => judged.Contains(o.Key)).ToDictionary(o => o.Key, StringComparer.Ordinal);
        // A benchmark the check found slower than the baseline's code now is no improvement, however much faster than the
        // baseline its first run measured (a recording the machine has since outrun): PG0050 beside its FAIL would say both.
        var slowerBeside = check.Findings.Where(f => f.Benchmark is string key && judged.Contains(key) && IsTimeFinding(f) && f.Tier >= Tier.Warn)
            .Select(f => f.Benchmark!).ToHashSet(StringComparer.Ordinal);
        var findings = first.Findings
            .Where(f => f.Rule != DiagnosticCatalog.TimeResolution && !(f.Benchmark is string key && judged.Contains(key) && IsTimeFinding(f)))
            .Where(f => !(f.Rule == DiagnosticCatalog.Improvement && f.Benchmark is string key && slowerBeside.Contains(key)))
            .ToList();
        findings.AddRange(check.Findings
            .Where(f => f.Benchmark is string key && judged.Contains(key) && IsTimeFinding(f))
            .Select(f => f with
            {
                Message = f.Message + string.Format(CultureInfo.InvariantCulture, DiagnosticCatalog.BaselineCommitFindingText,
                    UnitFormat.Change(before[f.Benchmark!].TimeRatio ?? double.NaN), before[f.Benchmark!].TimeConfidence),
            }));

        var checkRows = check.Outcomes.Where(o => judged.Contains(o.Key)).ToDictionary(o => o.Key, StringComparer.Ordinal);
        var outcomes = first.Outcomes.Select(row => checkRows.TryGetValue(row.Key, out var measured) ? Row(row, measured, findings, commitDescription, flagged?.Invoke(row.Key) ?? true) : row).ToArray();
        // A checked benchmark was compared beside its base, here and now, whatever machine recorded the baseline.
        if (TimeResolutionRule.Judge(request, outcomes, key => judged.Contains(key) || comparable(key)) is Finding blind)
        {
            findings.Add(blind);
        }

        // A run the check stopped (a signal, a hang) ends with that, as a stopped confirmation round does.
        findings.AddRange(check.Findings.Where(f => f.Benchmark is null && f.Tier == Tier.Block));
        return new GateResult(outcomes, findings) { Environment = first.Environment };
    }

    /// <summary>
    /// The row of a checked benchmark: its figures stay the first run's against the baseline (the table's columns say
    /// "baseline"), its verdict and time evidence are the check's, the first run's change said first.
    /// </summary>
    private static BenchmarkOutcome Row(BenchmarkOutcome first, BenchmarkOutcome measured, IReadOnlyList<Finding> findings, string commitDescription, bool flagged)
    {
        var own = findings.Where(f => f.Benchmark == first.Key).ToArray();
        var verdict = own.Length == 0 ? Tier.Pass : own.Max(f => f.Tier);
        var evidence = string.Format(CultureInfo.InvariantCulture, flagged ? DiagnosticCatalog.BaselineCommitEvidenceText : DiagnosticCatalog.BaselineCommitAlongsideEvidenceText,
            UnitFormat.Change(first.TimeRatio ?? double.NaN), first.TimeConfidence, commitDescription) + measured.TimeEvidence;
        return first with
        {
            Verdict = verdict,
            Status = verdict.ToString().ToUpperInvariant(),
            TimeEvidence = evidence,
            TimeConfidence = $"{measured.TimeConfidence}, {DiagnosticCatalog.CheckedConfidenceText}",
            CheckedBeside = commitDescription,
            TimeUnresolved = measured.TimeUnresolved,
            SmallestDetectableChange = measured.SmallestDetectableChange,
        };
    }
}
