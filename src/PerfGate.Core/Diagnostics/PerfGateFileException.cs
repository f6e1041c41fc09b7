namespace PerfGate.Diagnostics;

/// <summary>A file PerfGate reads (config, baseline, results) is malformed; carries the 1-based line and column of the problem.</summary>
public sealed class PerfGateFileException(string path, string problem, int line = 0, int column = 0, Exception? inner = null)
    : Exception($"{path}({line},{column}): {problem}", inner)
{
    public string FilePath { get; } = path;

    public string Problem { get; } = problem;

    public int Line { get; } = line;

    public int Column { get; } = column;

    public SourceLocation Location => new(FilePath, Line, Column);

    /// <summary>Wraps System.Text.Json's error, whose line and byte position are 0-based.</summary>
    public static PerfGateFileException FromJson(string path, System.Text.Json.JsonException error)
    {
        var line = error.LineNumber is long l ? (int)l + 1 : 0;
        var column = error.BytePositionInLine is long c ? (int)c + 1 : 0;
        var problem = error.Message;
        // System.Text.Json appends "Path: ... | LineNumber: ..." to its messages; the location is reported separately.
        var cut = problem.IndexOf(" Path: ", StringComparison.Ordinal);
        if (cut > 0)
        {
            var path2 = problem[(cut + 7)..];
            var bar = path2.IndexOf(" |", StringComparison.Ordinal);
            problem = problem[..cut].TrimEnd() + (bar > 0 ? $" (at {path2[..bar]})" : string.Empty);
        }

        return new PerfGateFileException(path, problem.TrimEnd('.'), line, column, error);
    }
}
