using System.Globalization;
using PerfGate.Baselines;
using PerfGate.Diagnostics;
using PerfGate.Results;
using PerfGate.Running;
using PerfGate.Statistics;

namespace PerfGate.Verdicts;

/// <summary>
/// Compares a run with its reference (the committed baseline, or in A/B mode the base build's run) under the config's
/// budgets and produces the summary rows and findings. It decides which benchmarks are judged and how their findings are
/// worded and capped; what each finding says is up to the rules (<see cref="IBenchmarkRule"/>), and how the confirmation
/// rounds combine is up to the <see cref="ConfirmationPolicy"/>. Pure: no I/O, so every verdict can be unit-tested from data.
/// </summary>
public sealed class GateEvaluator
{
    private readonly TimeRegressionRule time;
    private readonly ITimeComparisonRule timeRule;
    private readonly IReadOnlyList<IBenchmarkRule> comparisonRules;
    private readonly IReadOnlyList<IBenchmarkRule> runRules = [new LimitRule(), new BenchmarkDotNetWarningRule()];

    public GateEvaluator(ITimeComparisonRule timeRule, ConfirmationPolicy? confirmation = null)
    {
        this.timeRule = timeRule;
        Confirmation = confirmation ?? new ConfirmationPolicy();
        time = new TimeRegressionRule(new TimeJudge(timeRule), Confirmation);
        comparisonRules = [time, new AllocationRule(), new TailLatencyRule(), new ImprovementRule(timeRule)];
    }

    public ConfirmationPolicy Confirmation { get; }

    /// <summary>
    /// The benchmarks that need another confirmation round after the request's rounds: their time still fails, or in A/B
    /// mode a slowdown past the WARN margin is still unproven (<see cref="ConfirmationPolicy"/>).
    /// </summary>
    public IReadOnlyList<string> ToConfirm(GateRequest request) =>
        Cases(request).Where(time.NeedsConfirmation).Select(c => c.Key).Distinct().ToArray();

    /// <summary>
    /// Against the committed baseline: the benchmarks whose first run measured a slowdown past the WARN margin, or whose
    /// baseline entry cannot resolve their FAIL budget (PG0061), to measure again beside the baseline's commit
    /// (<see cref="BaselineCommitCheck"/>, <see cref="TimeRegressionRule.CandidateForBaselineCommitCheck"/>).
    /// </summary>
    public IReadOnlyList<BaselineCommitCandidate> ToCheckAgainstBaselineCommit(GateRequest request) =>
        Cases(request).Select(time.CandidateForBaselineCommitCheck).OfType<BaselineCommitCandidate>().DistinctBy(c => c.Key).ToArray();

    /// <summary>
    /// Once the check runs for <paramref name="flagged"/>: every other benchmark the run compared with the committed baseline,
    /// to measure beside its commit alongside them (<see cref="TimeRegressionRule.AlongsideBaselineCommitCheck"/>).
    /// </summary>
    public IReadOnlyList<BaselineCommitCandidate> AlongsideTheCheck(GateRequest request, IReadOnlyCollection<BaselineCommitCandidate> flagged)
    {
        var keys = flagged.Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
        return Cases(request).Where(c => !keys.Contains(c.Key)).Select(time.AlongsideBaselineCommitCheck).OfType<BaselineCommitCandidate>().DistinctBy(c => c.Key).ToArray();
    }

    /// <summary>The first run's verdicts against the committed baseline, with the checked benchmarks' time judged by the check's A/B run.</summary>
    public GateResult WithBaselineCommitCheck(GateRequest request, GateResult check, string commitDescription)
    {
        var cases = Cases(request).ToDictionary(c => c.Key, StringComparer.Ordinal);
        var flagged = ToCheckAgainstBaselineCommit(request).Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
        return BaselineCommitCheck.Merge(request, Evaluate(request), check, commitDescription,
            key => cases.TryGetValue(key, out var c) && c.Differences.Count == 0, flagged.Contains);
    }

    public GateResult Evaluate(GateRequest request)
    {
        var outcomes = new List<BenchmarkOutcome>();
        var findings = new List<Finding>();
        if (request.Baseline is null && !request.Recording && !request.IsAb)
        {
            findings.Add(new Finding(DiagnosticCatalog.NoBaseline, Tier.Warn,
                DiagnosticCatalog.NoBaseline.FormatMessage(request.BaselinePath, request.Commands.RecordAll()),
                new SourceLocation(request.BaselinePath, 0, 0)));
        }

        var notes = request.Notes ?? RunNotes.None;

        // Each benchmark is judged on its own, on every core (the time comparisons are the costly part of a large suite);
        // the results are gathered in run order. Only the locator, which may read files, is called one at a time.
        var locate = request.Locate;
        var locating = new Lock();
        request = request with { Locate = (key, result) => { lock (locating) { return locate(key, result); } } };
        var judged = Cases(request).ToDictionary(c => c.Key, StringComparer.Ordinal);
        var notBuilt = new List<string>();
        foreach (var (outcome, benchmarkFindings, isNotBuilt) in JudgeAll(request, judged, notes))
        {
            outcomes.Add(outcome);
            findings.AddRange(benchmarkFindings);
            if (isNotBuilt)
            {
                notBuilt.Add(outcome.Key);
            }
        }

        if (!request.RunWasFiltered && !request.Recording)
        {
            AddNotRun(request, outcomes, findings, notBuilt);
        }

        if (notBuilt.Count > 0)
        {
            var (error, location) = RunNotes.FirstBuildError(notes.BuildFailures[notBuilt[0]]);
            findings.Add(new Finding(DiagnosticCatalog.BenchmarkBuildFailed, Tier.Block,
                DiagnosticCatalog.BenchmarkBuildFailed.FormatMessage(notBuilt.Count, string.Join(", ", notBuilt.Order(StringComparer.Ordinal)), error, request.LogPath),
                location ?? request.Locate(notBuilt[0], request.Run.Results.FirstOrDefault(r => r.Key == notBuilt[0]))));
        }

        // What the PASS rows could not have seen: said once for the run, after the benchmarks' own findings.
        if (TimeResolutionRule.Judge(request, outcomes, key => judged.TryGetValue(key, out var c) && c.Differences.Count == 0) is { } blind)
        {
            findings.Add(blind);
        }

        return new GateResult(outcomes.OrderBy(o => o.Key, StringComparer.Ordinal).ToArray(), findings) { Environment = request.Run.Environment };
    }

    /// <summary>Every benchmark of the run judged in parallel, in run order; a failure surfaces as itself, not wrapped.</summary>
    private IReadOnlyList<(BenchmarkOutcome Outcome, IReadOnlyList<Finding> Findings, bool NotBuilt)> JudgeAll(GateRequest request,
        Dictionary<string, BenchmarkCase> judged, RunNotes notes)
    {
        try
        {
            return request.Run.Results.AsParallel().AsOrdered().Select(result => Judge(request, result, judged, notes)).ToArray();
        }
        catch (AggregateException error) when (error.InnerExceptions.Count == 1)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(error.InnerExceptions[0]).Throw();
            throw;
        }
    }

    /// <summary>One benchmark's summary row and findings, and whether it is part of a build failure (reported once for all).</summary>
    private (BenchmarkOutcome Outcome, IReadOnlyList<Finding> Findings, bool NotBuilt) Judge(GateRequest request, BenchmarkResult result,
        Dictionary<string, BenchmarkCase> judged, RunNotes notes)
    {
        var budget = request.Config.BudgetFor(result.Key);
        var entry = EntryOf(request, result.Key);
        var baseResult = BaseOf(request, result.Key);
        var referenceMedian = request.IsAb ? (baseResult is null ? null : SampleSummary.MedianOf(baseResult.SamplesNs)) : entry?.MedianNs;
        var referenceBytes = request.IsAb ? baseResult?.AllocatedBytes ?? entry?.AllocatedBytes : entry?.AllocatedBytes;
        var reference = new Reference(referenceMedian, referenceBytes, request.IsAb ? baseResult?.SamplesNs : entry?.SamplesNs, request.IsAb ? baseResult?.Gc : entry?.Gc);
        if (budget.Ignore)
        {
            return (Row(request, result, reference, Tier.Pass, "ignored", null), [], false);
        }

        if (result.Failed && notes.BuildFailures.ContainsKey(result.Key))
        {
            // One finding for the whole build failure (Evaluate adds it), not one "produced no measurements" per benchmark.
            return (Row(request, result, reference, Tier.Block, "not built", null), [], true);
        }

        if (result.Failed)
        {
            var failed = new Finding(DiagnosticCatalog.BenchmarkFailed, Tier.Block,
                DiagnosticCatalog.BenchmarkFailed.FormatMessage(result.Key, request.LogPath),
                request.Locate(result.Key, result), result.Key);
            return (Row(request, result, reference, Tier.Block, "failed", null), [failed], false);
        }

        if (request.Recording)
        {
            var recorded = entry is null ? null : timeRule.Compare(entry.SamplesNs, result.SamplesNs, budget.Time, entry.ProcessNoise);
            return (Row(request, result, new Reference(entry?.MedianNs, entry?.AllocatedBytes, entry?.SamplesNs, entry?.Gc), Tier.Pass, "recorded",
                recorded is null ? null : new SettledTime(recorded, recorded.Level, string.Empty)), [], false);
        }

        var benchmark = judged[result.Key];
        var benchmarkFindings = new List<Finding>();
        var isNew = !benchmark.HasTimeReference;
        if (isNew && request.IsAb)
        {
            benchmarkFindings.Add(new Finding(DiagnosticCatalog.NotInBase, Tier.Warn,
                DiagnosticCatalog.NotInBase.FormatMessage(result.Key, request.BaseDescription), request.Locate(result.Key, result), result.Key));
        }
        else if (isNew && request.Baseline is not null)
        {
            benchmarkFindings.Add(new Finding(DiagnosticCatalog.NewBenchmark, Tier.Warn,
                DiagnosticCatalog.NewBenchmark.FormatMessage(result.Key, request.Commands.Accept(result.MethodFilter)),
                request.Locate(result.Key, result), result.Key));
        }

        benchmarkFindings.AddRange(comparisonRules.SelectMany(rule => rule.Judge(benchmark)).Select(f => Annotate(f, benchmark, notes)));
        benchmarkFindings.AddRange(runRules.SelectMany(rule => rule.Judge(benchmark)));
        if (!request.FailOnRegression)
        {
            benchmarkFindings = benchmarkFindings.Select(f => f.Tier == Tier.Fail ? f.AtTier(Tier.Warn) : f).ToList();
        }

        var verdict = benchmarkFindings.Count == 0 ? Tier.Pass : benchmarkFindings.Max(f => f.Tier);
        var improved = verdict == Tier.Pass && benchmarkFindings.Any(f => f.Rule == DiagnosticCatalog.Improvement);
        return (Row(request, result, reference, verdict, isNew ? "new" : improved ? "improved" : verdict.ToString().ToUpperInvariant(), time.Settled(benchmark)), benchmarkFindings, false);
    }

    /// <summary>
    /// What the reference has and this run did not run: baseline entries ("missing"), or in A/B mode the base build's
    /// benchmarks ("removed"). BenchmarkDotNet stops at a failed build, so after one they are part of it ("not built").
    /// </summary>
    private static void AddNotRun(GateRequest request, List<BenchmarkOutcome> outcomes, List<Finding> findings, List<string> notBuilt)
    {
        var ran = request.Run.Results.Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
        var expected = request.IsAb
            ? request.Base!.Results.Select(r => (r.Key, Median: r.Failed ? (double?)null : BaselineEntry.Median(r.SamplesNs), Bytes: r.AllocatedBytes))
            : (request.Baseline?.Entries ?? new Dictionary<string, BaselineEntry>()).Select(e => (e.Key, Median: (double?)e.Value.MedianNs, Bytes: e.Value.AllocatedBytes));
        foreach (var (key, median, bytes) in expected.Where(e => !ran.Contains(e.Key) && !request.Config.BudgetFor(e.Key).Ignore))
        {
            if (notBuilt.Count > 0)
            {
                notBuilt.Add(key);
                outcomes.Add(new BenchmarkOutcome(key, Tier.Block, "not built", median, null, null, bytes, null, null));
                continue;
            }

            findings.Add(request.IsAb
                ? new Finding(DiagnosticCatalog.RemovedSinceBase, Tier.Warn, DiagnosticCatalog.RemovedSinceBase.FormatMessage(key, request.BaseDescription),
                    new SourceLocation(request.Commands.ProjectPath, 0, 0), key)
                : new Finding(DiagnosticCatalog.MissingBenchmark, Tier.Warn,
                    DiagnosticCatalog.MissingBenchmark.FormatMessage(key, Path.GetFileName(request.BaselinePath), request.Commands.RecordAll()),
                    request.Locate(key, null), key));
            outcomes.Add(new BenchmarkOutcome(key, Tier.Warn, request.IsAb ? "removed" : "missing", median, null, null, bytes, null, null));
        }
    }

    /// <summary>Every benchmark case this run measured and the config does not ignore.</summary>
    private static IEnumerable<BenchmarkCase> Cases(GateRequest request)
    {
        var machineDifferences = request.Baseline is null || request.IsAb ? [] : MachineDifferences(request.Baseline.Environment, request.Run.Environment);
        foreach (var result in request.Run.Results.Where(r => !r.Failed))
        {
            var budget = request.Config.BudgetFor(result.Key);
            if (budget.Ignore)
            {
                continue;
            }

            var entry = EntryOf(request, result.Key);
            // In A/B mode both sides are measured here and now, so machine and job are the same by construction.
            IReadOnlyList<string> differences = request.IsAb || entry is null || entry.Job == result.Job
                ? machineDifferences
                : [.. machineDifferences, $"job '{entry.Job}' -> '{result.Job}'"];
            yield return new BenchmarkCase(request, result, entry, BaseOf(request, result.Key), budget, differences);
        }
    }

    /// <summary>The sentences a finding about a compared benchmark ends with: what else is known about its measurement.</summary>
    private static Finding Annotate(Finding finding, BenchmarkCase benchmark, RunNotes notes)
    {
        var request = benchmark.Request;
        var message = finding.Message;
        if (finding.Rule != DiagnosticCatalog.AllocationRegression && notes.Warnings.Any(w => w.Benchmark == benchmark.Key && w.Analyser == RunNotes.MultimodalAnalyser))
        {
            message += DiagnosticCatalog.MultimodalText;
        }

        // A rewritten benchmark is judged like any other: the code under test often lives in the benchmark method or is
        // inlined into it. The message says it changed, and how to accept a workload that changed on purpose.
        if (benchmark.Rewritten)
        {
            message += request.IsAb ? DiagnosticCatalog.MethodChangedSinceBaseText : DiagnosticCatalog.MethodChangedText;
        }

        var tier = finding.Tier;
        var acceptCommand = finding.AcceptCommand;
        if (request.IsAb)
        {
            message += request.SharedCpu is int cpu
                ? string.Format(CultureInfo.InvariantCulture, DiagnosticCatalog.AgainstBaseSharedCpuText, request.BaseDescription, cpu)
                : string.Format(CultureInfo.InvariantCulture, DiagnosticCatalog.AgainstBaseText, request.BaseDescription);
            if (request.AcceptedInChange?.Contains(benchmark.Key) == true && tier > Tier.Warn)
            {
                // Already accepted: telling the developer how to accept it again would read as if something were left to do.
                message = (finding with { Message = message }).WithoutAcceptSentence().Message
                    + string.Format(CultureInfo.InvariantCulture, DiagnosticCatalog.AcceptedInChangeText, Path.GetFileName(request.BaselinePath),
                        benchmark.Entry?.Reason is string reason ? $"reason: {reason}" : "no reason given");
                tier = Tier.Warn;
                acceptCommand = null;
            }
        }

        return finding with { Message = message, Tier = tier, AcceptCommand = acceptCommand };
    }

    private static BaselineEntry? EntryOf(GateRequest request, string key) =>
        request.Baseline is not null && request.Baseline.Entries.TryGetValue(key, out var entry) ? entry : null;

    private static BenchmarkResult? BaseOf(GateRequest request, string key) =>
        request.Base?.Measured(key);

    /// <summary>What differs between where the baseline and this run were measured; nothing when either is unknown.</summary>
    private static IReadOnlyList<string> MachineDifferences(HostEnvironment baseline, HostEnvironment current) =>
        baseline == HostEnvironment.Unknown || current == HostEnvironment.Unknown ? [] : current.DifferencesFrom(baseline);

    /// <summary>What a row compares this run with: the baseline entry, or in A/B mode the base build's result.</summary>
    private sealed record Reference(double? MedianNs, long? AllocatedBytes, IReadOnlyList<double>? SamplesNs, GcCounts? Gc);

    private static BenchmarkOutcome Row(GateRequest request, BenchmarkResult result, Reference reference, Tier verdict, string status, SettledTime? time)
    {
        // The confirmation rounds that measured this build's benchmark, with the base's run beside it in A/B mode: a chart
        // that showed this build's rounds without the base's would compare them with the first run's base only.
        var rounds = request.ConfirmationRounds
            .Select(round => (Current: round.Current.Measured(result.Key)?.SamplesNs, Base: round.Base?.Measured(result.Key)?.SamplesNs))
            .Where(round => round.Current is not null)
            .ToArray();
        return new(result.Key, verdict, status, reference.MedianNs, result.Failed ? null : BaselineEntry.Median(result.SamplesNs),
            time?.First.Ratio, reference.AllocatedBytes, result.AllocatedBytes, time?.Evidence, time?.First.SmallestDetectable, time?.Confidence,
            reference.SamplesNs, result.Failed ? null : result.SamplesNs,
            rounds.Select(round => round.Current!).ToArray(),
            reference.Gc, result.Gc, time?.Unresolved,
            request.IsAb ? rounds.Select(round => round.Base).ToArray() : null);
    }
}
