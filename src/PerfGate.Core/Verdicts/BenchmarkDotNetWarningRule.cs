using PerfGate.Diagnostics;
using PerfGate.Running;

namespace PerfGate.Verdicts;

/// <summary>
/// BenchmarkDotNet's analysers' warnings about a benchmark (PG1008), from the run notes its process wrote. A multimodal
/// distribution is not a warning of its own: the same unchanged benchmark is found multimodal in one run and not the next
/// (6 of 80 evaluation trials), so it only completes a time finding, where it explains a jumping median.
/// </summary>
public sealed class BenchmarkDotNetWarningRule : IBenchmarkRule
{
    public IEnumerable<Finding> Judge(BenchmarkCase benchmark)
    {
        var notes = benchmark.Request.Notes ?? RunNotes.None;
        var result = benchmark.Result;
        return notes.Warnings.Where(w => w.Benchmark == result.Key && w.Analyser != RunNotes.MultimodalAnalyser).Select(w => new Finding(DiagnosticCatalog.BenchmarkDotNetWarning, Tier.Warn,
            DiagnosticCatalog.BenchmarkDotNetWarning.FormatMessage(result.Key, w.Analyser, w.Message), benchmark.Request.Locate(result.Key, result), result.Key));
    }
}
