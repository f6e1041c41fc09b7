namespace PerfGate.Verdicts;

/// <summary>
/// Splits BenchmarkDotNet's full name of a case (<c>Ns.Outer.Inner&lt;T&gt;.Method(Size: 10, Text: "a.b")</c>) into the class
/// and the method with its parameters. The split is at the last dot before the parameter list, outside generic brackets,
/// so dots inside [Params] values or type arguments stay where they belong.
/// </summary>
public static class BenchmarkName
{
    public static (string ClassName, string CaseName) Split(string key)
    {
        var parameters = key.IndexOf('(', StringComparison.Ordinal);
        var head = parameters < 0 ? key.Length : parameters;
        var depth = 0;
        for (var i = head - 1; i >= 0; i--)
        {
            switch (key[i])
            {
                case '>' or ']':
                    depth++;
                    break;
                case '<' or '[':
                    depth--;
                    break;
                case '.' when depth == 0:
                    return (key[..i], key[(i + 1)..]);
            }
        }

        return (string.Empty, key);
    }
}
