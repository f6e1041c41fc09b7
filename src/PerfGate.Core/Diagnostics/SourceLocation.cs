namespace PerfGate.Diagnostics;

/// <summary>Where a finding is reported: a file and a 1-based line and column (0 when unknown).</summary>
public sealed record SourceLocation(string File, int Line, int Column)
{
    public override string ToString() => Line > 0 ? $"{File}({Line},{Column})" : File;
}
