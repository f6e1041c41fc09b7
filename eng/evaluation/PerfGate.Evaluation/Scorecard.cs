using PerfGate.Baselines;

namespace PerfGate.Evaluation;

/// <summary>
/// The rates one rule earns over all trials. Levels are eng/evaluate.sh's: aa and aa-busy (unchanged code), work5,
/// work10, work10-busy and work20 (the Work benchmarks do that much more work), alloc (Memory.Allocate allocates once
/// more), work20-otherjob (+20% work, gated with other job settings than the baseline's); in A/B mode (PerfGateCompareWith,
/// the base built from a git commit) ab-aa, ab-work5, ab-work10 and ab-work20, with the busy loop ab-aa-busy and ab-work10-busy; and aa-slower / ab-aa-slower, unchanged code gated
/// on a "slower machine" (a busy loop sharing the benchmarks' core) against a baseline recorded without it.
/// </summary>
internal sealed class Scorecard
{
    public const string AllocatingBenchmark = "Evaluation.Memory.Allocate";

    public static readonly string[] WorkBenchmarks = ["Evaluation.Work.Hash", "Evaluation.Work.Polynomial"];

    /// <summary>eng/evaluate.sh's levels, in its order.</summary>
    public static readonly string[] Levels =
        ["aa", "aa-busy", "work5", "work10", "work10-busy", "work20", "alloc", "work20-otherjob", "ab-aa", "ab-work5", "ab-work10", "ab-work20", "ab-aa-busy", "ab-work10-busy", "aa-slower", "ab-aa-slower"];

    private readonly IReadOnlyList<(Trial Trial, string Benchmark, BenchmarkOutcome Outcome)> judged;

    public Scorecard(IEvaluatedRule rule, IReadOnlyList<Trial> trials)
    {
        Rule = rule.Name;
        // A benchmark the reference lacks (an A/B trial whose base run failed) is judged against the baseline entry.
        judged = trials
            .SelectMany(t => t.Baseline.Entries.Select(e => (Trial: t, Benchmark: e.Key, Outcome: rule.Judge(t, e.Key, t.Reference(e.Key) ?? e.Value))))
            .ToArray();
    }

    public string Rule { get; }

    /// <summary>Unchanged code (quiet and busy): any benchmark failing, on time or allocations.</summary>
    public Rate AaFalseFail => Count(IsAa, _ => true, o => o.Worst == Outcome.Fail);

    public Rate AaFalseWarn => Count(IsAa, _ => true, o => o.Worst == Outcome.Warn);

    public Rate AaBusyFalseFail => Count(t => t.Level == "aa-busy", _ => true, o => o.Worst == Outcome.Fail);

    /// <summary>
    /// Every benchmark a trial left unchanged, at every level with the baseline's job settings: all three in A/A,
    /// Memory.Allocate in the work levels, the Work benchmarks in alloc. A larger population than A/A alone, so a tighter interval.
    /// </summary>
    public Rate UnchangedFalseTimeFail => Count(t => !t.IsAb, (t, b) => Unchanged(t.Level, b), o => o.Time == Outcome.Fail);

    /// <summary>A/B mode, unchanged code against its base built from a git commit (ab-aa).</summary>
    public Rate AbFalseFail => Count(t => t.Level == "ab-aa", _ => true, o => o.Worst == Outcome.Fail);

    public Rate AbFalseWarn => Count(t => t.Level == "ab-aa", _ => true, o => o.Worst == Outcome.Warn);

    /// <summary>A/B mode, unchanged code, with the busy loop on the other core for the whole trial (ab-aa-busy).</summary>
    public Rate AbBusyFalseFail => Count(t => t.Level == "ab-aa-busy", _ => true, o => o.Worst == Outcome.Fail);

    public Rate AbBusyFalseWarn => Count(t => t.Level == "ab-aa-busy", _ => true, o => o.Worst == Outcome.Warn);

    /// <summary>A/B mode: every benchmark a trial left unchanged (all three in ab-aa, Memory.Allocate in ab-work*).</summary>
    public Rate AbUnchangedFalseTimeFail => Count(t => t.IsAb && t.Level != "ab-aa-slower", (t, b) => Unchanged(t.Level, b), o => o.Time == Outcome.Fail);

    /// <summary>Unchanged code on a slower machine than the baseline's: committed-baseline mode (aa-slower) or A/B (ab-aa-slower).</summary>
    public Rate SlowerFalseFail(string level) => Count(t => t.Level == level, _ => true, o => o.Time == Outcome.Fail);

    public Rate SlowerFalseWarn(string level) => Count(t => t.Level == level, _ => true, o => o.Time == Outcome.Warn);

    public Rate DetectFail(string level) => Count(t => t.Level == level, WorkBenchmarks.Contains, o => o.Time == Outcome.Fail);

    public Rate DetectWarnOrFail(string level) => Count(t => t.Level == level, WorkBenchmarks.Contains, o => o.Time != Outcome.Pass);

    public Rate AllocDetect => Count(t => t.Level == "alloc", b => b == AllocatingBenchmark, o => o.Allocation == Outcome.Fail);

    public Rate AllocFalse => Count(t => t.Level != "alloc", _ => true, o => o.Allocation != Outcome.Pass);

    /// <summary>A baseline measured with other job settings must never yield a time failure.</summary>
    public Rate OtherJobTimeFail => Count(t => t.Level == "work20-otherjob", WorkBenchmarks.Contains, o => o.Time == Outcome.Fail);

    /// <summary>Builds of unchanged code (A/A trials, 3 benchmarks each) that this rule would fail.</summary>
    public Rate AaBuildsFailed => new(
        judged.Where(j => IsAa(j.Trial)).GroupBy(j => j.Trial).Count(g => g.Any(j => j.Outcome.Worst == Outcome.Fail)),
        judged.Where(j => IsAa(j.Trial)).Select(j => j.Trial).Distinct().Count());

    /// <summary>
    /// The chance that a build of 20 such benchmarks sees at least one false failure, if benchmarks fail independently,
    /// from the per-benchmark false FAIL rate on unchanged benchmarks, and from the upper end of its 95% interval.
    /// </summary>
    public (double Estimate, double Upper)? SuiteOf20FalseFail =>
        UnchangedFalseTimeFail is { Value: double p, Wilson95: var (_, high) } ? (Suite(p), Suite(high)) : null;

    private static double Suite(double perBenchmark) => 1 - Math.Pow(1 - perBenchmark, 20);

    private static bool IsAa(Trial trial) => trial.Level is "aa" or "aa-busy";

    /// <summary>Whether the trial's level left this benchmark as the baseline measured it (job settings included).</summary>
    public static bool Unchanged(string level, string benchmark) => level switch
    {
        "aa" or "aa-busy" or "ab-aa" or "ab-aa-busy" or "ab-aa-slower" => true,
        "work20-otherjob" or "aa-slower" => false,
        "alloc" => benchmark != AllocatingBenchmark,
        _ => benchmark == AllocatingBenchmark,
    };

    private Rate Count(Func<Trial, bool> trials, Func<string, bool> benchmarks, Func<BenchmarkOutcome, bool> hit) =>
        Count(trials, (_, b) => benchmarks(b), hit);

    private Rate Count(Func<Trial, bool> trials, Func<Trial, string, bool> benchmarks, Func<BenchmarkOutcome, bool> hit)
    {
        var population = judged.Where(j => trials(j.Trial) && benchmarks(j.Trial, j.Benchmark)).ToArray();
        return new Rate(population.Count(j => hit(j.Outcome)), population.Length);
    }
}
