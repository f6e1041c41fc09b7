namespace PerfGate.Diagnostics;

/// <summary>How bad a finding is. The numeric value is the tier digit of a diagnostic code (PG<b>2</b>001).</summary>
public enum Tier
{
    Pass = 0,
    Warn = 1,
    Fail = 2,
    Block = 3,
}
