using System.Text;

namespace PerfGate.Formatting;

/// <summary>
/// Keeps user-supplied text (benchmark names, [Params] values, file paths) on one line: a newline in a name would split a
/// diagnostic into a line that problem matchers misread and break a table row. Control characters are written as C#
/// escapes (\n, \t, \u001B), which is how a developer would type them in the benchmark.
/// </summary>
public static class OneLine
{
    public static string Escape(string text)
    {
        if (!text.Any(char.IsControl))
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            escaped.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\0' => "\\0",
                _ when char.IsControl(c) => $"\\u{(int)c:X4}",
                _ => c.ToString(),
            });
        }

        return escaped.ToString();
    }
}

/// <summary>Text that is meant to span lines (a process's last output lines): a diagnostic argument that is not escaped.</summary>
public sealed record MultilineText(string Text)
{
    public override string ToString() => Text;
}
