using PerfGate.Baselines;

namespace PerfGate.Evaluation;

/// <summary>A decision rule scored by the evaluation: what it says about one benchmark of one trial.</summary>
internal interface IEvaluatedRule
{
    string Name { get; }

    BenchmarkOutcome Judge(Trial trial, string benchmark, BaselineEntry baseline);
}
