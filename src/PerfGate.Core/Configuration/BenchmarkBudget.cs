namespace PerfGate.Configuration;

/// <summary>The budget one benchmark is held to, after the config's defaults and every matching rule were applied.</summary>
/// <param name="Time">Thresholds for the relative increase of time per operation.</param>
/// <param name="Allocated">Thresholds for the relative increase of allocated bytes per operation; 0 means any increase.</param>
/// <param name="MaxTime">An absolute limit on the median time per operation.</param>
/// <param name="MaxAllocatedBytes">An absolute limit on bytes allocated per operation; 0 means "must stay allocation-free".</param>
/// <param name="Ignore">Ignored benchmarks still run but are never compared or reported.</param>
public sealed record BenchmarkBudget(
    LevelThresholds Time,
    LevelThresholds Allocated,
    Duration? MaxTime,
    long? MaxAllocatedBytes,
    bool Ignore)
{
    /// <summary>PerfGate's built-in budget, used where no config file says otherwise.</summary>
    public static BenchmarkBudget BuiltIn { get; } = new(
        Time: new LevelThresholds(Warn: new Percent(5), Fail: new Percent(10), Block: null),
        Allocated: new LevelThresholds(Warn: null, Fail: new Percent(0), Block: null),
        MaxTime: null,
        MaxAllocatedBytes: null,
        Ignore: false);

    internal BenchmarkBudget With(BudgetSection? overrides) => overrides is null
        ? this
        : new BenchmarkBudget(
            Time.With(overrides.Time),
            Allocated.With(overrides.Allocated),
            overrides.MaxTime is null ? MaxTime : overrides.MaxTime.Value,
            overrides.MaxAllocatedBytes is null ? MaxAllocatedBytes : overrides.MaxAllocatedBytes.Value,
            overrides.Ignore ?? Ignore);
}
