using PerfGate.Diagnostics;

namespace PerfGate.Locations;

/// <summary>
/// Moves a location from a method's first statement (what the PDB records; optimized builds have no sequence point on
/// the opening brace) up to the line that declares the method, when the source file is readable.
/// </summary>
internal static class SourceDeclarationFinder
{
    /// <summary>How far above the first statement a declaration may stand (attributes, a long parameter list).</summary>
    private const int MaxLinesAbove = 15;

    public static SourceLocation Refine(SourceLocation firstStatement, string methodName)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(firstStatement.File);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return firstStatement; // Built elsewhere, or the source moved: the PDB's line is still right.
        }

        var statementIndex = firstStatement.Line - 1;
        for (var index = statementIndex; index >= 0 && index >= statementIndex - MaxLinesAbove && index < lines.Length; index--)
        {
            var column = DeclarationColumn(lines[index], methodName);
            if (column >= 0)
            {
                return firstStatement with { Line = index + 1, Column = column + 1 };
            }
        }

        return firstStatement;
    }

    /// <summary>The column of "Name(" (or "Name&lt;") preceded by a space: a declaration, not a call like "x.Name(".</summary>
    private static int DeclarationColumn(string line, string methodName)
    {
        foreach (var opener in new[] { "(", "<" })
        {
            var at = line.IndexOf(" " + methodName + opener, StringComparison.Ordinal);
            if (at >= 0)
            {
                return at + 1;
            }
        }

        return -1;
    }
}
