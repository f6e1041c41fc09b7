namespace PerfGate.Reports;

/// <summary>The report files a gated run writes (PerfGateReports). report.json is always written: the up-to-date check replays it.</summary>
[Flags]
public enum ReportFormats
{
    None = 0,
    Markdown = 1,
    Html = 2,
    JUnit = 4,
    Sarif = 8,
    Csv = 16,
    All = Markdown | Html | JUnit | Sarif | Csv,
}

/// <summary>Reads PerfGateReports: "all" (the default), "none", or a list of markdown, html, junit, sarif, csv separated by ';' or ','.</summary>
public static class ReportFormatList
{
    public const string Names = "markdown, html, junit, sarif, csv (or all, none)";

    /// <summary>The formats; null when a name is unknown (the caller reports PG3107 with <see cref="Names"/>).</summary>
    public static ReportFormats? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return ReportFormats.All;
        }

        var formats = ReportFormats.None;
        foreach (var name in text.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            ReportFormats? format = name.ToLowerInvariant() switch
            {
                "all" => ReportFormats.All,
                "none" => ReportFormats.None,
                "markdown" or "md" => ReportFormats.Markdown,
                "html" => ReportFormats.Html,
                "junit" => ReportFormats.JUnit,
                "sarif" => ReportFormats.Sarif,
                "csv" => ReportFormats.Csv,
                _ => null,
            };
            if (format is null)
            {
                return null;
            }

            formats |= format.Value;
        }

        return formats;
    }
}
