namespace PerfGate.Evaluation;

/// <summary>What a rule said about one benchmark in one trial, for time and for allocations.</summary>
internal enum Outcome
{
    Pass = 0,
    Warn = 1,
    Fail = 2,
}

internal sealed record BenchmarkOutcome(Outcome Time, Outcome Allocation)
{
    public Outcome Worst => (Outcome)Math.Max((int)Time, (int)Allocation);
}
