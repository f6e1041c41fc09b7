using PerfGate.Configuration;

namespace PerfGate.Baselines;

/// <summary>
/// What separate processes of the unchanged code showed when the baseline was recorded: where the fastest and the slowest
/// process's median landed, relative to the pooled median the comparison is made against. A benchmark whose processes
/// settle in two modes (a few percent apart, from code placement or the memory layout a process happens to get) has
/// a pooled median in either mode, depending on how many recording processes drew which; judged from the pooled median
/// alone, a real slowdown measured in the fast mode can hide below a budget, and unchanged code measured in the slow mode
/// can look slower. Knowing both ends fixes both.
/// </summary>
/// <param name="FastestRatio">The fastest recording process's median divided by the pooled median (at most 1).</param>
/// <param name="SlowestRatio">The slowest recording process's median divided by the pooled median (at least 1).</param>
public readonly record struct ProcessNoise(double FastestRatio, double SlowestRatio)
{
    /// <summary>A baseline recorded in one process: nothing is known about other processes.</summary>
    public static ProcessNoise None { get; } = new(1, 1);

    /// <summary>The noise of the recorded process medians around <paramref name="pooledMedian"/>; <see cref="None"/> for fewer than two.</summary>
    public static ProcessNoise Of(IReadOnlyList<double>? processMedians, double pooledMedian) =>
        processMedians is { Count: > 1 } && pooledMedian > 0 && processMedians.All(double.IsFinite)
            ? new ProcessNoise(Math.Min(1, processMedians.Min() / pooledMedian), Math.Max(1, processMedians.Max() / pooledMedian))
            : None;

    /// <summary>How far apart the fastest and the slowest process landed, as a fraction (0.05: the slowest 5% above the fastest).</summary>
    public double Spread => SlowestRatio / FastestRatio - 1;

    public bool IsKnown => Spread > 0;

    /// <summary>
    /// The slowdown, relative to the pooled median, that a level with this budget must be proven past: more than half the
    /// budget above the fastest recording process, and more than a quarter of the budget above the slowest. The first is
    /// the rule for one process (half the budget leaves room for the estimate's own spread); the second keeps every shift
    /// that unchanged code showed between processes, plus some room, from proving anything. With one process both are
    /// half the budget above the median, as before.
    /// </summary>
    public double MarginFor(Percent budget) => Math.Max(AboveFastest(budget), AboveSlowest(budget)) - 1;

    /// <summary>Half the budget above the fastest recording process, as a ratio to the pooled median.</summary>
    private double AboveFastest(Percent budget) => FastestRatio * (1 + (budget.Fraction / 2));

    /// <summary>A quarter of the budget above the slowest recording process, as a ratio to the pooled median.</summary>
    private double AboveSlowest(Percent budget) => SlowestRatio * (1 + (budget.Fraction / 4));

    /// <summary>Whether the processes' disagreement, not half the budget, sets the margin.</summary>
    public bool WidensMarginFor(Percent budget) => MarginFor(budget) > (budget.Fraction / 2) + 1e-9;

    /// <summary>
    /// Whether the margin is smaller than half the budget: the pooled median lies above the fastest recording process (a
    /// baseline recorded mostly in a benchmark's slow mode), and the margin is measured from the processes, not the median.
    /// </summary>
    public bool NarrowsMarginFor(Percent budget) => MarginFor(budget) < (budget.Fraction / 2) - 1e-9;

    /// <summary>Whether a quarter of the budget above the slowest recording process, not half of it above the fastest, sets the margin.</summary>
    public bool SlowestSetsMarginFor(Percent budget) => AboveSlowest(budget) > AboveFastest(budget);
}
