using System.Text.RegularExpressions;

namespace PerfGate.Configuration;

/// <summary>
/// A glob on a benchmark's full name, such as <c>MyApp.Parsers.*</c> or <c>*.Parse(Size: 1000)</c>: <c>*</c> matches any
/// run of characters, <c>?</c> one character, everything else itself (case-sensitive, as .NET names are).
/// </summary>
public sealed class GlobPattern
{
    private readonly Regex regex;

    public GlobPattern(string pattern)
    {
        Pattern = pattern;
        var body = Regex.Escape(pattern).Replace(@"\*", ".*", StringComparison.Ordinal).Replace(@"\?", ".", StringComparison.Ordinal);
        regex = new Regex($"^{body}$", RegexOptions.CultureInvariant | RegexOptions.Singleline);
    }

    public string Pattern { get; }

    public bool Matches(string benchmarkKey) => regex.IsMatch(benchmarkKey);

    public override string ToString() => Pattern;
}
