using System.Text.RegularExpressions;

namespace PerfGate.EndToEnd.Tests;

/// <summary>
/// One diagnostic line of MSBuild's console output, in the canonical form problem matchers parse:
/// <c>path(line,col): error PG2001: message [project]</c>, or <c>path : error PG2001: ...</c> without a position.
/// </summary>
internal sealed partial record BuildDiagnostic(string File, int Line, int Column, string Severity, string Code, string Message)
{
    public static IReadOnlyList<BuildDiagnostic> Parse(string output) =>
        output.Split('\n')
            .Select(line => Canonical().Match(line.TrimEnd('\r')))
            .Where(match => match.Success)
            .Select(m => new BuildDiagnostic(
                m.Groups["file"].Value.Trim(),
                m.Groups["line"].Success ? int.Parse(m.Groups["line"].Value) : 0,
                m.Groups["col"].Success ? int.Parse(m.Groups["col"].Value) : 0,
                m.Groups["severity"].Value,
                m.Groups["code"].Value,
                m.Groups["message"].Value))
            .Distinct() // MSBuild repeats every diagnostic in its closing summary.
            .ToArray();

    public override string ToString() => $"{File}({Line},{Column}): {Severity} {Code}: {Message}";

    [GeneratedRegex(@"^\s*(\d+>)?(?<file>[^\s(][^(]*?)(\((?<line>\d+),(?<col>\d+)\))?\s?: (?<severity>error|warning) (?<code>[A-Z]+\d+): (?<message>.*?)( \[[^\]]+\])?$")]
    private static partial Regex Canonical();
}
