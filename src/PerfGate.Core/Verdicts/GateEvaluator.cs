using System.Globalization;
using PerfGate.Baselines;
using PerfGate.Configuration;
using PerfGate.Diagnostics;
using PerfGate.Formatting;
using PerfGate.Results;
using PerfGate.Running;
using PerfGate.Statistics;

namespace PerfGate.Verdicts;

/// <summary>
/// Compares a run with its baseline under the config's budgets and produces the summary rows and findings.
/// Pure: no I/O, so every verdict can be unit-tested from data.
/// </summary>
public sealed class GateEvaluator(ITimeComparisonRule timeRule)
{
    /// <summary>
    /// How many confirmation runs a time FAIL must survive. One was not enough in the evaluation (docs/evaluation.md): a
    /// 12 ns allocating benchmark, unchanged, measured about +50% in a few processes of a hundred, and in two in a row twice.
    /// </summary>
    public const int ConfirmationRuns = 2;

    public GateResult Evaluate(GateRequest request)
    {
        var outcomes = new List<BenchmarkOutcome>();
        var findings = new List<Finding>();
        var baselineEntries = request.Baseline?.Entries ?? new Dictionary<string, BaselineEntry>();
        var machineDifferences = request.Baseline is null ? [] : MachineDifferences(request.Baseline.Environment, request.Run.Environment);

        if (request.Baseline is null && !request.Recording)
        {
            findings.Add(new Finding(DiagnosticCatalog.NoBaseline, Tier.Warn,
                DiagnosticCatalog.NoBaseline.FormatMessage(request.BaselinePath, request.Commands.RecordAll()),
                new SourceLocation(request.BaselinePath, 0, 0)));
        }

        var notes = request.Notes ?? RunNotes.None;
        var notBuilt = new List<string>();
        foreach (var result in request.Run.Results)
        {
            var budget = request.Config.BudgetFor(result.Key);
            baselineEntries.TryGetValue(result.Key, out var entry);
            if (budget.Ignore)
            {
                outcomes.Add(Row(result, entry, Tier.Pass, "ignored", null, null));
                continue;
            }

            if (result.Failed && notes.BuildFailures.ContainsKey(result.Key))
            {
                // One finding for the whole build failure (below), not one "produced no measurements" per benchmark.
                notBuilt.Add(result.Key);
                outcomes.Add(Row(result, entry, Tier.Block, "not built", null, null));
                continue;
            }

            if (result.Failed)
            {
                findings.Add(new Finding(DiagnosticCatalog.BenchmarkFailed, Tier.Block,
                    DiagnosticCatalog.BenchmarkFailed.FormatMessage(result.Key, request.LogPath),
                    request.Locate(result.Key, result), result.Key));
                outcomes.Add(Row(result, entry, Tier.Block, "failed", null, null));
                continue;
            }

            if (request.Recording)
            {
                outcomes.Add(Row(result, entry, Tier.Pass, "recorded", entry is null ? null : timeRule.Compare(entry.SamplesNs, result.SamplesNs, budget.Time), null));
                continue;
            }

            var benchmarkFindings = new List<Finding>();
            TimeComparison? time = null;
            if (entry is null)
            {
                if (request.Baseline is not null)
                {
                    benchmarkFindings.Add(new Finding(DiagnosticCatalog.NewBenchmark, Tier.Warn,
                        DiagnosticCatalog.NewBenchmark.FormatMessage(result.Key, request.Commands.Accept(result.MethodFilter)),
                        request.Locate(result.Key, result), result.Key));
                }
            }
            else
            {
                time = timeRule.Compare(entry.SamplesNs, result.SamplesNs, budget.Time);
                var differences = entry.Job == result.Job ? machineDifferences : [.. machineDifferences, $"job '{entry.Job}' -> '{result.Job}'"];
                var comparisons = (differences.Count == 0
                    ? TimeFindings(request, result, entry, time, budget)
                    : NotComparableFindings(request, result, entry, time, differences))
                    .Concat(AllocationFindings(request, result, entry, budget));
                // A rewritten benchmark is judged like any other: the code under test often lives in the benchmark method or
                // is inlined into it. The message says it changed, and how to accept a workload that changed on purpose.
                var rewritten = BenchmarkRewritten(entry, result);
                var multimodal = notes.Warnings.Any(w => w.Benchmark == result.Key && w.Analyser == RunNotes.MultimodalAnalyser);
                benchmarkFindings.AddRange(comparisons.Select(f => f with
                {
                    Message = f.Message
                        + (multimodal && f.Rule != DiagnosticCatalog.AllocationRegression ? DiagnosticCatalog.MultimodalText : string.Empty)
                        + (rewritten ? DiagnosticCatalog.MethodChangedText : string.Empty),
                }));
            }

            benchmarkFindings.AddRange(LimitFindings(request, result, budget));
            benchmarkFindings.AddRange(notes.Warnings.Where(w => w.Benchmark == result.Key).Select(w => new Finding(DiagnosticCatalog.BenchmarkDotNetWarning, Tier.Warn,
                DiagnosticCatalog.BenchmarkDotNetWarning.FormatMessage(result.Key, w.Analyser, w.Message), request.Locate(result.Key, result), result.Key)));
            if (!request.FailOnRegression)
            {
                benchmarkFindings = benchmarkFindings.Select(f => f.Tier == Tier.Fail ? f.AtTier(Tier.Warn) : f).ToList();
            }

            var verdict = benchmarkFindings.Count == 0 ? Tier.Pass : benchmarkFindings.Max(f => f.Tier);
            var status = entry is null ? "new" : verdict.ToString().ToUpperInvariant();
            outcomes.Add(Row(result, entry, verdict, status, time, null));
            findings.AddRange(benchmarkFindings);
        }

        if (!request.RunWasFiltered && !request.Recording)
        {
            var ran = request.Run.Results.Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
            foreach (var (key, entry) in baselineEntries.Where(e => !ran.Contains(e.Key) && !request.Config.BudgetFor(e.Key).Ignore))
            {
                if (notBuilt.Count > 0)
                {
                    // BenchmarkDotNet stops at a failed build, so what did not run is part of that failure, not "removed".
                    notBuilt.Add(key);
                    outcomes.Add(new BenchmarkOutcome(key, Tier.Block, "not built", entry.MedianNs, null, null, entry.AllocatedBytes, null, null));
                    continue;
                }

                findings.Add(new Finding(DiagnosticCatalog.MissingBenchmark, Tier.Warn,
                    DiagnosticCatalog.MissingBenchmark.FormatMessage(key, Path.GetFileName(request.BaselinePath), request.Commands.RecordAll()),
                    request.Locate(key, null), key));
                outcomes.Add(new BenchmarkOutcome(key, Tier.Warn, "missing", entry.MedianNs, null, null, entry.AllocatedBytes, null, null));
            }
        }

        if (notBuilt.Count > 0)
        {
            var (error, location) = RunNotes.FirstBuildError(notes.BuildFailures[notBuilt[0]]);
            findings.Add(new Finding(DiagnosticCatalog.BenchmarkBuildFailed, Tier.Block,
                DiagnosticCatalog.BenchmarkBuildFailed.FormatMessage(notBuilt.Count, string.Join(", ", notBuilt.Order(StringComparer.Ordinal)), error, request.LogPath),
                location ?? request.Locate(notBuilt[0], request.Run.Results.FirstOrDefault(r => r.Key == notBuilt[0]))));
        }

        return new GateResult(outcomes.OrderBy(o => o.Key, StringComparer.Ordinal).ToArray(), findings);
    }

    private IEnumerable<Finding> TimeFindings(GateRequest request, BenchmarkResult result, BaselineEntry entry, TimeComparison time, BenchmarkBudget budget)
    {
        var baselineMedian = UnitFormat.Time(entry.MedianNs);
        var currentMedian = UnitFormat.Time(BaselineEntry.Median(result.SamplesNs));
        if (time.Level != Tier.Pass)
        {
            var (level, confirmation) = Confirm(request, result, entry, time, budget);
            yield return new Finding(DiagnosticCatalog.TimeRegression, level,
                DiagnosticCatalog.TimeRegression.FormatMessage(result.Key, baselineMedian, currentMedian, UnitFormat.Change(time.Ratio),
                    time.Level.ToString().ToUpperInvariant(), time.Threshold, time.Evidence, confirmation, request.Commands.Accept(result.MethodFilter)),
                request.Locate(result.Key, result), result.Key);
        }
        else if (time.Inconclusive)
        {
            yield return new Finding(DiagnosticCatalog.TimeInconclusive, Tier.Warn,
                DiagnosticCatalog.TimeInconclusive.FormatMessage(result.Key, baselineMedian, currentMedian, UnitFormat.Change(time.Ratio), time.Evidence),
                request.Locate(result.Key, result), result.Key);
        }
    }

    /// <summary>The benchmark method's own IL differs from the one the baseline measured.</summary>
    private static bool BenchmarkRewritten(BaselineEntry entry, BenchmarkResult result) =>
        entry.IlHash is string before && result.MethodFingerprint is string after && before != after;

    /// <summary>
    /// Wall-clock time measured on another machine, runtime or job is not comparable: a change past the budget is a warning
    /// that says what differs and how to re-record, never a failure. Allocations are still compared at full severity.
    /// </summary>
    private static IEnumerable<Finding> NotComparableFindings(GateRequest request, BenchmarkResult result, BaselineEntry entry, TimeComparison time, IReadOnlyList<string> differences)
    {
        if (time.Level != Tier.Pass || time.Inconclusive)
        {
            yield return new Finding(DiagnosticCatalog.TimeNotComparable, Tier.Warn,
                DiagnosticCatalog.TimeNotComparable.FormatMessage(result.Key, UnitFormat.Time(entry.MedianNs), UnitFormat.Time(BaselineEntry.Median(result.SamplesNs)),
                    UnitFormat.Change(time.Ratio), string.Join(", ", differences), request.Commands.RecordAll()),
                request.Locate(result.Key, result), result.Key);
        }
    }

    /// <summary>What differs between where the baseline and this run were measured; nothing when either is unknown.</summary>
    private static IReadOnlyList<string> MachineDifferences(HostEnvironment baseline, HostEnvironment current) =>
        baseline == HostEnvironment.Unknown || current == HostEnvironment.Unknown ? [] : current.DifferencesFrom(baseline);

    /// <summary>
    /// Most timing noise on shared machines is between processes (JIT outcome, code layout, a busy neighbour), which no
    /// test on one run's iterations can see, and some benchmarks land in a slow state in one process of several. So a time
    /// FAIL or BLOCK stands only if every confirmation run, each in a new process, also reaches FAIL; the verdict is the
    /// lowest level any run reached.
    /// </summary>
    private (Tier Level, string Text) Confirm(GateRequest request, BenchmarkResult result, BaselineEntry entry, TimeComparison first, BenchmarkBudget budget)
    {
        var confirmations = request.Confirmations ?? [];
        if (first.Level < Tier.Fail || confirmations.Count == 0)
        {
            return (first.Level, string.Empty);
        }

        var level = first.Level;
        var changes = new List<string>();
        foreach (var (confirmation, number) in confirmations.Select((run, index) => (run, index + 1)))
        {
            var again = confirmation.Results.FirstOrDefault(r => r.Key == result.Key);
            if (again is null || again.Failed)
            {
                // A run that could not measure it (its process failed) confirms nothing either way; the next one may.
                continue;
            }

            var repeat = timeRule.Compare(entry.SamplesNs, again.SamplesNs, budget.Time);
            var change = UnitFormat.Change(repeat.Ratio);
            if (repeat.Level < Tier.Fail)
            {
                return (Tier.Warn, string.Format(CultureInfo.InvariantCulture, DiagnosticCatalog.NotRepeatedText, number, change));
            }

            level = (Tier)Math.Min((int)level, (int)repeat.Level);
            changes.Add(change);
        }

        return changes.Count == 0
            ? (level, DiagnosticCatalog.NotReconfirmedText)
            : (level, string.Format(CultureInfo.InvariantCulture, DiagnosticCatalog.ConfirmedText, changes.Count + 1, string.Join(", ", changes)));
    }

    /// <summary>The benchmarks whose time reached FAIL or BLOCK: the ones a confirmation run repeats.</summary>
    public static IReadOnlyList<string> TimeFailures(GateResult result) =>
        result.Findings.Where(f => f.Rule == DiagnosticCatalog.TimeRegression && f.Tier >= Tier.Fail && f.Benchmark is not null)
            .Select(f => f.Benchmark!).Distinct().ToArray();

    /// <summary>Allocations are near-deterministic, so they are compared directly, with a tolerance of one byte or 0.1%.</summary>
    private static IEnumerable<Finding> AllocationFindings(GateRequest request, BenchmarkResult result, BaselineEntry entry, BenchmarkBudget budget)
    {
        if (entry.AllocatedBytes is not long before || result.AllocatedBytes is not long after)
        {
            yield break;
        }

        // Zero stays zero exactly; otherwise allow the rounding of bytes-per-operation.
        var tolerance = before == 0 ? 0 : Math.Max(1, before / 1000);
        var increase = after - before;
        if (increase <= tolerance)
        {
            yield break;
        }

        var relative = before == 0 ? double.PositiveInfinity : (double)increase / before;
        foreach (var (tier, threshold) in budget.Allocated.MostSevereFirst())
        {
            if (relative > threshold.Fraction)
            {
                var change = before == 0 ? $"+{UnitFormat.Bytes(increase)}, was allocation-free" : $"+{UnitFormat.Bytes(increase)}, {UnitFormat.Change((double)after / before)}";
                var budgetText = threshold.Value == 0 ? "no increase" : $"+{threshold}";
                yield return new Finding(DiagnosticCatalog.AllocationRegression, tier,
                    DiagnosticCatalog.AllocationRegression.FormatMessage(result.Key, UnitFormat.Bytes(before), UnitFormat.Bytes(after), change,
                        tier.ToString().ToUpperInvariant(), budgetText, request.Commands.Accept(result.MethodFilter)),
                    request.Locate(result.Key, result), result.Key);
                yield break;
            }
        }
    }

    private static IEnumerable<Finding> LimitFindings(GateRequest request, BenchmarkResult result, BenchmarkBudget budget)
    {
        var median = BaselineEntry.Median(result.SamplesNs);
        if (budget.MaxTime is Duration maxTime && median > maxTime.Nanoseconds)
        {
            yield return new Finding(DiagnosticCatalog.TimeLimitExceeded, Tier.Fail,
                DiagnosticCatalog.TimeLimitExceeded.FormatMessage(result.Key, UnitFormat.Time(median), maxTime),
                request.Locate(result.Key, result), result.Key);
        }

        if (budget.MaxAllocatedBytes is long maxBytes && result.AllocatedBytes is long bytes && bytes > maxBytes)
        {
            yield return new Finding(DiagnosticCatalog.AllocationLimitExceeded, Tier.Fail,
                DiagnosticCatalog.AllocationLimitExceeded.FormatMessage(result.Key, UnitFormat.Bytes(bytes), UnitFormat.Bytes(maxBytes)),
                request.Locate(result.Key, result), result.Key);
        }
    }

    private static BenchmarkOutcome Row(BenchmarkResult result, BaselineEntry? entry, Tier verdict, string status, TimeComparison? time, string? evidence) =>
        new(result.Key, verdict, status, entry?.MedianNs, result.Failed ? null : BaselineEntry.Median(result.SamplesNs),
            time?.Ratio, entry?.AllocatedBytes, result.AllocatedBytes, evidence ?? time?.Evidence, time?.SmallestDetectable);
}
