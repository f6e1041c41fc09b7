using System.Globalization;
using PerfGate.Baselines;
using PerfGate.Configuration;
using PerfGate.Diagnostics;
using PerfGate.Formatting;
using PerfGate.Statistics;

namespace PerfGate.Verdicts;

/// <summary>
/// Time: a regression proven at a budget level (PG*001, settled by the confirmation rounds), a change too few iterations
/// could not judge (PG1005), or, against a baseline measured elsewhere, a change that is only a warning (PG1006).
/// A slowdown the samples do not prove, and a FAIL the confirmation rounds dismissed, are no finding: the summary row's
/// evidence says what was measured.
/// </summary>
public sealed class TimeRegressionRule(TimeJudge judge, ConfirmationPolicy confirmation) : IBenchmarkRule
{
    /// <summary>The first round's comparison; null when there is nothing to compare with.</summary>
    public TimeComparison? First(BenchmarkCase benchmark) => judge.Compare(benchmark.Request, benchmark.Key, benchmark.Request.FirstRound);

    /// <summary>The first round's comparison and what the confirmation rounds made of it (for the summary row).</summary>
    public SettledTime? Settled(BenchmarkCase benchmark)
    {
        if (First(benchmark) is not TimeComparison first)
        {
            return null;
        }

        var (level, confirmed) = Combine(benchmark, first);
        return new SettledTime(first, level, confirmed);
    }

    /// <summary>
    /// True when the benchmark's time fails so far, or in A/B mode warns or measured past the WARN margin without proof, and another
    /// confirmation round is due. Only a comparable, enforced gate confirms: a warning (not comparable, accepted in this
    /// change, or PerfGateFailOnRegression=false) fails nothing, so it costs no rerun.
    /// </summary>
    public bool NeedsConfirmation(BenchmarkCase benchmark)
    {
        if (benchmark.Differences.Count > 0 || !benchmark.Request.FailOnRegression || benchmark.Request.AcceptedInChange?.Contains(benchmark.Key) == true
            || First(benchmark) is not TimeComparison first)
        {
            return false;
        }

        var repeats = Repeats(benchmark);
        return confirmation.NeedsAnotherRound(first.Level, Combine(benchmark, first), repeats.Count);
    }

    /// <summary>
    /// Whether, and why, this benchmark is measured again beside the commit that recorded the committed baseline, and that A/B
    /// comparison decides its time verdict (<see cref="Gating.Gate"/>): the first run measured it past the WARN margin
    /// against the baseline (proven at a level or not) or past half the lowest budget (<see cref="PastHalfTheWarnBudget"/>), or its baseline entry was recorded in processes so far apart that
    /// no slowdown of its FAIL budget can fail against it (PG0061), whatever the first run measured. Such an entry's median
    /// may sit anywhere in that spread, so a +10% change measures under the WARN margin, or even faster
    /// (docs/evaluation.md, "A baseline recorded too noisy, checked in every run"); only a build of its commit measured
    /// now can tell. That costs a check in every run until the entry is recorded again, which PG0061 asks for.
    /// Only an enforced gate checks, as for <see cref="NeedsConfirmation"/>. A slowdown past the WARN margin against a
    /// baseline measured on another machine, runtime or job is checked too: the A/B run measures both sides here, with
    /// this job, so its verdict holds where the first run's could only be PG1006. A spread recorded elsewhere says nothing
    /// of this machine, so it alone does not make a check there.
    /// </summary>
    public BaselineCommitCandidate? CandidateForBaselineCommitCheck(BenchmarkCase benchmark)
    {
        if (benchmark.Request.IsAb || !benchmark.Request.FailOnRegression || First(benchmark) is not { Inconclusive: false } first)
        {
            return null;
        }

        if (first.Level > Tier.Pass || first.UnprovenPastWarn || PastHalfTheWarnBudget(benchmark, first))
        {
            return new BaselineCommitCandidate(benchmark.Key, $"{UnitFormat.Change(first.Ratio)} against it");
        }

        return benchmark.Differences.Count == 0 && benchmark.Entry is { } entry && BaselineResolutionRule.Unresolvable(entry, benchmark.Budget.Time) is string why
            ? new BaselineCommitCandidate(benchmark.Key, $"recorded in {why}")
            : null;
    }

    /// <summary>
    /// A benchmark the first run did not flag, measured beside the baseline's commit all the same once the check runs for
    /// others (PerfGateCheckEveryBenchmark): whatever has drifted since the recording (a phase of the machine, a recording
    /// the machine has since outrun) moves more than the flagged benchmarks, and may have made this one look no slower. In
    /// docs/evaluation.md's "A busy neighbour and +20%", unchanged <c>Work.Hash</c> measured 5.5-9.9% faster than its tight
    /// recording, so +10% of work measured -1.0% to -0.1% and passed unchecked, while the check ran for its sibling in the
    /// same build. The base build is paid for by then; measuring this one too costs its A/B run. Any benchmark compared
    /// with the baseline qualifies in an enforced gate, as for <see cref="CandidateForBaselineCommitCheck"/>, a first run
    /// too short to judge (inconclusive) included: the A/B run may settle it.
    /// </summary>
    public BaselineCommitCandidate? AlongsideBaselineCommitCheck(BenchmarkCase benchmark) =>
        benchmark.Request.IsAb || !benchmark.Request.FailOnRegression || First(benchmark) is not TimeComparison first
            ? null
            : new BaselineCommitCandidate(benchmark.Key, $"{UnitFormat.Change(first.Ratio)} against it");

    /// <summary>
    /// Whether the first run measured a slowdown past half the lowest budget (the WARN margin of a baseline recorded in one
    /// process), above the noise floor, however widely the baseline's recording processes spread. That spread widens the
    /// margin a finding must be proven past against the baseline, which keeps unchanged code from failing there, but it
    /// also let +10% of work measured at +5.8% and +3.6% pass unchecked against a baseline whose slowest process sat 4.5%
    /// above its median (docs/evaluation.md, "Two rounds for a warning measured as large as a FAIL"). Beside the baseline's
    /// commit both sides are measured now, so looking closer costs time, not false failures (A/B mode: none in 432
    /// judgements of unchanged code).
    /// </summary>
    private static bool PastHalfTheWarnBudget(BenchmarkCase benchmark, TimeComparison first) =>
        benchmark.Budget.Time.Lowest is Percent lowest && first.Ratio >= 1 + (lowest.Fraction / 2)
        && benchmark.ReferenceMedianNs is double reference && (first.Ratio - 1) * reference > RobustTimeComparisonRule.NoiseFloorNs;

    public IEnumerable<Finding> Judge(BenchmarkCase benchmark)
    {
        if (First(benchmark) is not TimeComparison time)
        {
            yield break;
        }

        var request = benchmark.Request;
        var result = benchmark.Result;
        var referenceMedian = UnitFormat.Time(benchmark.ReferenceMedianNs ?? double.NaN);
        var currentMedian = UnitFormat.Time(SampleSummary.MedianOf(result.SamplesNs));
        var location = request.Locate(result.Key, result);
        if (benchmark.Differences.Count > 0)
        {
            // Wall-clock time measured on another machine, runtime or job is not comparable: a change past the budget is a
            // warning that says what differs and how to re-record, never a failure.
            if (time.Level != Tier.Pass || time.Inconclusive)
            {
                yield return new Finding(DiagnosticCatalog.TimeNotComparable, Tier.Warn,
                    DiagnosticCatalog.TimeNotComparable.FormatMessage(result.Key, referenceMedian, currentMedian, UnitFormat.Change(time.Ratio),
                        string.Join(", ", benchmark.Differences), request.Commands.RecordAll()),
                    location, result.Key);
            }

            yield break;
        }

        var (level, confirmed) = Combine(benchmark, time);
        if (level != Tier.Pass)
        {
            // The budget named is the one the first run proved, or the one the confirmation rounds proved past it (a WARN
            // for an unproven first run, a FAIL for a first-run warning in A/B mode).
            var accept = request.Commands.Accept(result.MethodFilter);
            var provenByRounds = level > time.Level;
            var budgetLevel = provenByRounds ? level : time.Level;
            var threshold = provenByRounds ? benchmark.Budget.Time.Of(level) ?? time.Threshold : time.Threshold;
            // A level that only the confirmation runs proved says so first: the first run's own evidence proves less.
            var (evidence, confirmation) = provenByRounds
                ? (string.Format(CultureInfo.InvariantCulture, DiagnosticCatalog.ProvenWhenMeasuredAgainText, confirmed.TrimStart(';', ' '), time.Evidence), string.Empty)
                : (time.Evidence, confirmed);
            yield return new Finding(DiagnosticCatalog.TimeRegression, level,
                DiagnosticCatalog.TimeRegression.FormatMessage(result.Key, referenceMedian, currentMedian, UnitFormat.Change(time.Ratio),
                    budgetLevel.ToString().ToUpperInvariant(), threshold, evidence, confirmation, accept),
                location, result.Key, accept);
        }
        else if (time.Inconclusive)
        {
            yield return new Finding(DiagnosticCatalog.TimeInconclusive, Tier.Warn,
                DiagnosticCatalog.TimeInconclusive.FormatMessage(result.Key, referenceMedian, currentMedian, UnitFormat.Change(time.Ratio), time.Evidence),
                location, result.Key);
        }
    }

    /// <summary>What the confirmation rounds so far make of the first run; an unproven warning is confirmed in A/B mode only.</summary>
    private Settlement Combine(BenchmarkCase benchmark, TimeComparison first) =>
        confirmation.Combine(first, Repeats(benchmark), Together(benchmark), confirmWarnings: benchmark.Request.IsAb);

    /// <summary>The confirmation rounds made so far taken together, asked for only when one of them proved less than a FAIL.</summary>
    private Func<TimeComparison?> Together(BenchmarkCase benchmark) => () => judge.CompareConfirmations(benchmark.Request, benchmark.Key);

    /// <summary>
    /// One comparison per confirmation round made so far; null where a round did not measure the benchmark, or measured too
    /// few iterations to judge (a launch that died): such a round reads as a PASS under every margin, which would dismiss
    /// a FAIL or a warning it never measured.
    /// </summary>
    private List<TimeComparison?> Repeats(BenchmarkCase benchmark) =>
        benchmark.Request.ConfirmationRounds
            .Select(round => judge.Compare(benchmark.Request, benchmark.Key, round) is { Inconclusive: false } repeat ? repeat : null)
            .ToList();
}
