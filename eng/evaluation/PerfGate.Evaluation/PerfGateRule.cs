using PerfGate.Baselines;
using PerfGate.Diagnostics;

namespace PerfGate.Evaluation;

/// <summary>PerfGate's verdicts as the real gate reported them (report.json), confirmation runs included.</summary>
internal sealed class PerfGateRule : IEvaluatedRule
{
    private static readonly int[] AllocationRules = [DiagnosticCatalog.AllocationRegression.Number, DiagnosticCatalog.AllocationLimitExceeded.Number];

    public string Name => "perfgate";

    public BenchmarkOutcome Judge(Trial trial, string benchmark, BaselineEntry baseline)
    {
        var time = Outcome.Pass;
        var allocation = Outcome.Pass;
        foreach (var (code, _) in trial.Findings.Where(f => f.Benchmark == benchmark || f.Benchmark is null))
        {
            // Information (an improvement, PG0060's note on what a run could resolve) is no finding against a benchmark.
            if (DiagnosticCatalog.Find(code) is not var (rule, tier) || tier == Tier.Pass)
            {
                continue;
            }

            var outcome = tier >= Tier.Fail ? Outcome.Fail : Outcome.Warn;
            if (rule.Number >= 100)
            {
                // An infrastructure BLOCK fails every benchmark of the trial.
                time = allocation = Outcome.Fail;
            }
            else if (AllocationRules.Contains(rule.Number))
            {
                allocation = (Outcome)Math.Max((int)allocation, (int)outcome);
            }
            else if (rule.Number < 10)
            {
                time = (Outcome)Math.Max((int)time, (int)outcome);
            }
        }

        return new BenchmarkOutcome(time, allocation);
    }
}
