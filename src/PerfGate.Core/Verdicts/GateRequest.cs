using PerfGate.Baselines;
using PerfGate.Configuration;
using PerfGate.Diagnostics;
using PerfGate.Results;
using PerfGate.Running;

namespace PerfGate.Verdicts;

/// <summary>Everything the evaluator compares.</summary>
/// <param name="Run">This run's results.</param>
/// <param name="Baseline">The committed baseline; null when there is no baseline file.</param>
/// <param name="BaselinePath">Where the baseline is (or would be).</param>
/// <param name="Config">The budgets.</param>
/// <param name="RunWasFiltered">Only some benchmarks ran, so baseline entries that did not run are not "missing".</param>
/// <param name="Recording">The baseline is being re-recorded: differences are accepted, only failures are reported.</param>
/// <param name="FailOnRegression">False turns FAIL findings into warnings (BLOCK stays an error).</param>
/// <param name="Commands">The accept and record commands quoted in messages.</param>
/// <param name="LogPath">The benchmark process's full output, quoted when a benchmark failed.</param>
/// <param name="Confirmations">The confirmation rounds made so far, in order, each in new processes, of the benchmarks whose
/// time still failed; empty before the first (or when confirmation is off). A time FAIL or BLOCK that one of them does not
/// repeat at any level is dismissed (<see cref="ConfirmationPolicy"/>).</param>
/// <param name="Locate">Where to report a finding about a benchmark key (its [Benchmark] method when it can be found).</param>
/// <param name="Notes">What the benchmark process said beyond the report: benchmarks BenchmarkDotNet could not build, and its
/// analysers' warnings.</param>
/// <param name="Base">A/B mode (PerfGateCompareWith): the base build's first-round run, made beside <paramref name="Run"/>;
/// time is compared with it instead of the committed baseline. Null outside A/B mode.</param>
/// <param name="BaseDescription">The base as messages name it, for example "origin/main (merge base 1a2b3c4)".</param>
/// <param name="AcceptedInChange">A/B mode: the benchmarks whose committed baseline entry this change re-recorded (it differs
/// from the base commit's): their regressions against the base are accepted, so only warnings.</param>
/// <param name="SharedCpu">A/B mode with launches together on this CPU (PerfGateAbSchedule=shared-cpu): every time was
/// measured sharing the CPU with the other build, about twice a lone run's, so only the two sides' ratio means anything and
/// absolute time limits (maxTime, maxP99) are not judged.</param>
public sealed record GateRequest(
    BenchmarkRun Run,
    Baseline? Baseline,
    string BaselinePath,
    GateConfig Config,
    bool RunWasFiltered,
    bool Recording,
    bool FailOnRegression,
    AcceptCommands Commands,
    string LogPath,
    Func<string, BenchmarkResult?, SourceLocation> Locate,
    IReadOnlyList<MeasurementRound>? Confirmations = null,
    RunNotes? Notes = null,
    BenchmarkRun? Base = null,
    string? BaseDescription = null,
    IReadOnlySet<string>? AcceptedInChange = null,
    int? SharedCpu = null)
{
    /// <summary>Time is compared with a base build measured beside this one, not with the committed baseline.</summary>
    public bool IsAb => Base is not null;

    public MeasurementRound FirstRound => new(Run, Base);

    public IReadOnlyList<MeasurementRound> ConfirmationRounds => Confirmations ?? [];
}
