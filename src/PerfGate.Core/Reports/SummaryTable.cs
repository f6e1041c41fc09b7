using System.Text;
using PerfGate.Formatting;
using PerfGate.Verdicts;

namespace PerfGate.Reports;

/// <summary>The summary printed in the build log: one headline, then one row per benchmark, every figure labelled.</summary>
public static class SummaryTable
{
    private static readonly string[] Headers = ["Benchmark", "Baseline median", "Current median", "Change (est.)", "Alloc/op baseline", "Alloc/op current", "Verdict"];

    private static readonly string[] AbHeaders = ["Benchmark", "Base median", "Current median", "Change (est.)", "Alloc/op base", "Alloc/op current", "Verdict"];

    /// <summary>Printed under the table, so nobody reads the change as the ratio of the two medians.</summary>
    public const string Legend = "  Change (est.): the Hodges-Lehmann estimate of the time change, which weighs every pair of iterations; it can differ from the ratio of the two medians.";

    /// <param name="baseDescription">In A/B mode, the base the run was compared with; null when it was the baseline.</param>
    public static string Format(GateResult result, string projectName, string? baseDescription = null)
    {
        var headers = baseDescription is null ? Headers : AbHeaders;
        var counts = result.Outcomes.GroupBy(o => o.Status).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}");
        var text = new StringBuilder()
            .Append("PerfGate ").Append(projectName).Append(": ").Append(result.Verdict.ToString().ToUpperInvariant())
            .Append(" (").Append(result.Outcomes.Count).Append(" benchmarks: ").Append(string.Join(", ", counts)).Append(')')
            .Append(baseDescription is null ? string.Empty : $", A/B against the base build of {OneLine.Escape(baseDescription)}")
            .AppendLine();

        var rows = result.Outcomes.Select(o => new[]
        {
            OneLine.Escape(o.Key),
            o.BaselineMedianNs is double b ? UnitFormat.Time(b) : "-",
            o.CurrentMedianNs is double c ? UnitFormat.Time(c) : "-",
            o.TimeRatio is double r ? UnitFormat.Change(r) : "-",
            o.BaselineAllocatedBytes is null ? "-" : UnitFormat.Bytes(o.BaselineAllocatedBytes),
            o.CurrentAllocatedBytes is null ? "-" : UnitFormat.Bytes(o.CurrentAllocatedBytes),
            o.CheckedBeside is null ? o.Status : o.Status + " *",
        }).ToList();

        var widths = headers.Select((h, i) => rows.Select(row => row[i].Length).Append(h.Length).Max()).ToArray();
        void AppendRow(string[] cells) => text.Append("  ").AppendJoin(" | ", cells.Select((cell, i) => i switch { 0 => cell.PadRight(widths[i]), 6 => cell, _ => cell.PadLeft(widths[i]) })).AppendLine();
        AppendRow(headers);
        AppendRow(widths.Select(w => new string('-', w)).ToArray());
        rows.ForEach(AppendRow);
        if (result.Outcomes.Any(o => o.TimeRatio is not null))
        {
            text.AppendLine(Legend);
        }

        if (result.Outcomes.FirstOrDefault(o => o.CheckedBeside is not null) is { CheckedBeside: string commit })
        {
            text.Append("  *: measured again beside ").Append(OneLine.Escape(commit))
                .AppendLine(", the commit that recorded the baseline, built and run beside this build: the verdict is from that A/B comparison; the figures are the first run's against the baseline.");
        }

        return text.ToString().TrimEnd();
    }
}
