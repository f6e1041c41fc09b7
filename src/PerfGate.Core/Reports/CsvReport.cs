using System.Globalization;
using System.Text;
using PerfGate.Results;
using PerfGate.Statistics;
using PerfGate.Verdicts;

namespace PerfGate.Reports;

/// <summary>
/// One row per benchmark case with every number the report model has (perfgate-results.csv), for spreadsheets and scripts:
/// RFC 4180 (comma-separated, fields with commas, quotes or line breaks quoted, quotes doubled), invariant-culture numbers
/// in plain units (nanoseconds, bytes, collections per 1,000 operations), empty where a figure does not exist.
/// </summary>
public static class CsvReport
{
    private static readonly string[] SideColumns = ["median_ns", "mean_ns", "p95_ns", "p99_ns", "min_ns", "max_ns", "iterations", "allocated_bytes", "gen0_per_1000_ops", "gen1_per_1000_ops", "gen2_per_1000_ops"];

    public static string Create(GateResult result)
    {
        var header = new List<string> { "benchmark", "class", "case", "verdict", "codes" };
        header.AddRange(SideColumns.Select(c => "baseline_" + c));
        header.AddRange(SideColumns.Select(c => "current_" + c));
        header.AddRange(["time_change", "time_confidence", "smallest_detectable_change", "time_evidence"]);
        var text = new StringBuilder();
        AppendRow(text, header);
        foreach (var row in result.Outcomes)
        {
            var codes = string.Join(' ', result.Findings.Where(f => f.Benchmark == row.Key).Select(f => f.Code).Distinct());
            var fields = new List<string> { row.Key, row.ClassName, row.CaseName, row.Status, codes };
            fields.AddRange(Side(row.Baseline, row.BaselineAllocatedBytes, row.BaselineGc));
            fields.AddRange(Side(row.Current, row.CurrentAllocatedBytes, row.CurrentGc));
            fields.AddRange([Number(row.TimeRatio - 1), row.TimeConfidence ?? string.Empty, Number(row.SmallestDetectableChange), row.TimeEvidence ?? string.Empty]);
            AppendRow(text, fields);
        }

        return text.ToString();
    }

    private static IEnumerable<string> Side(SampleSummary? summary, long? bytes, GcCounts? gc) =>
    [
        Number(summary?.MedianNs), Number(summary?.MeanNs), Number(summary?.P95Ns), Number(summary?.P99Ns), Number(summary?.MinNs), Number(summary?.MaxNs),
        summary is null ? string.Empty : summary.Count.ToString(CultureInfo.InvariantCulture),
        bytes?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
        Number(gc?.Gen0Per1000), Number(gc?.Gen1Per1000), Number(gc?.Gen2Per1000),
    ];

    private static string Number(double? value) => value is double v && double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : string.Empty;

    private static void AppendRow(StringBuilder text, IEnumerable<string> fields)
    {
        text.AppendJoin(',', fields.Select(Quote)).Append("\r\n");
    }

    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
}
