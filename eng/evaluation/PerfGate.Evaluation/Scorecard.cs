using PerfGate.Baselines;

namespace PerfGate.Evaluation;

/// <summary>
/// The rates one rule earns over all trials. Levels are eng/evaluate.sh's: aa and aa-busy (unchanged code), work5,
/// work10, work10-busy and work20 (the Work benchmarks do that much more work), alloc (Memory.Allocate allocates once
/// more), work20-otherjob (+20% work, gated with other job settings than the baseline's).
/// </summary>
internal sealed class Scorecard
{
    public const string AllocatingBenchmark = "Evaluation.Memory.Allocate";

    public static readonly string[] WorkBenchmarks = ["Evaluation.Work.Hash", "Evaluation.Work.Polynomial"];

    /// <summary>eng/evaluate.sh's levels, in its order.</summary>
    public static readonly string[] Levels = ["aa", "aa-busy", "work5", "work10", "work10-busy", "work20", "alloc", "work20-otherjob"];

    private readonly IReadOnlyList<(Trial Trial, string Benchmark, BenchmarkOutcome Outcome)> judged;

    public Scorecard(IEvaluatedRule rule, IReadOnlyList<Trial> trials, Baseline baseline)
    {
        Rule = rule.Name;
        judged = trials
            .SelectMany(t => baseline.Entries.Select(e => (Trial: t, Benchmark: e.Key, Outcome: rule.Judge(t, e.Key, e.Value))))
            .ToArray();
    }

    public string Rule { get; }

    /// <summary>Unchanged code (quiet and busy): any benchmark failing, on time or allocations.</summary>
    public Rate AaFalseFail => Count(IsAa, _ => true, o => o.Worst == Outcome.Fail);

    public Rate AaFalseWarn => Count(IsAa, _ => true, o => o.Worst == Outcome.Warn);

    public Rate AaBusyFalseFail => Count(t => t.Level == "aa-busy", _ => true, o => o.Worst == Outcome.Fail);

    public Rate DetectFail(string level) => Count(t => t.Level == level, WorkBenchmarks.Contains, o => o.Time == Outcome.Fail);

    public Rate DetectWarnOrFail(string level) => Count(t => t.Level == level, WorkBenchmarks.Contains, o => o.Time != Outcome.Pass);

    public Rate AllocDetect => Count(t => t.Level == "alloc", b => b == AllocatingBenchmark, o => o.Allocation == Outcome.Fail);

    public Rate AllocFalse => Count(t => t.Level != "alloc", _ => true, o => o.Allocation != Outcome.Pass);

    /// <summary>A baseline measured with other job settings must never yield a time failure.</summary>
    public Rate OtherJobTimeFail => Count(t => t.Level == "work20-otherjob", WorkBenchmarks.Contains, o => o.Time == Outcome.Fail);

    /// <summary>The chance that a build of 20 such benchmarks sees at least one false failure, if benchmarks fail independently.</summary>
    public double? SuiteOf20FalseFail => AaFalseFail.Value is double p ? 1 - Math.Pow(1 - p, 20) : null;

    private static bool IsAa(Trial trial) => trial.Level is "aa" or "aa-busy";

    private Rate Count(Func<Trial, bool> trials, Func<string, bool> benchmarks, Func<BenchmarkOutcome, bool> hit)
    {
        var population = judged.Where(j => trials(j.Trial) && benchmarks(j.Benchmark)).ToArray();
        return new Rate(population.Count(j => hit(j.Outcome)), population.Length);
    }
}
