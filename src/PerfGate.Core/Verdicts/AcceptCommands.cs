namespace PerfGate.Verdicts;

/// <summary>The exact commands a finding's message tells the developer to run, for the project being gated.</summary>
public sealed record AcceptCommands(string ProjectPath)
{
    /// <summary>Re-records the whole baseline.</summary>
    public string RecordAll() => $"dotnet build \"{ProjectPath}\" -p:PerfGate=true -p:PerfGateUpdateBaseline=true";

    /// <summary>Re-records one [Benchmark] method (all its [Params] cases) and keeps every other entry.</summary>
    public string Accept(string methodFilter) =>
        $"{RecordAll()} -p:PerfGateFilter={methodFilter} -p:PerfGateUpdateReason=\"why this change is intended\"";
}
