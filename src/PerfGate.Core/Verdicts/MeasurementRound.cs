using PerfGate.Results;

namespace PerfGate.Verdicts;

/// <summary>
/// One round of measurement: this build's run and, in A/B mode, the run of the base build made right beside it on the
/// same machine. The first round measures every benchmark; a confirmation round only those whose time still fails.
/// </summary>
/// <param name="Current">This build's results.</param>
/// <param name="Base">The base build's results in A/B mode (PerfGateCompareWith); null when time is compared with the
/// committed baseline.</param>
public sealed record MeasurementRound(BenchmarkRun Current, BenchmarkRun? Base = null)
{
    /// <summary>A round that measured nothing (its process failed or was not run).</summary>
    public static MeasurementRound Empty(HostEnvironment environment, bool withBase) =>
        new(new BenchmarkRun(environment, []), withBase ? new BenchmarkRun(environment, []) : null);
}
