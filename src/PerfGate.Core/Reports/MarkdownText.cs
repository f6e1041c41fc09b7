using System.Text;
using PerfGate.Formatting;

namespace PerfGate.Reports;

/// <summary>
/// User text (benchmark names, [Params] values, messages) made safe for GitHub- and Azure DevOps-flavoured Markdown: on one
/// line, no raw HTML (a name with <c>&lt;script&gt;</c> shows as text), and every character escaped that means something
/// in the middle of a line or a table cell. Characters that only mean something at the start of a line (#, -, +, 1.) are
/// left alone, so the raw file stays readable: user text is never placed at the start of a line.
/// </summary>
public static class MarkdownText
{
    private const string Special = "\\`*_[]|~";

    public static string Escape(string text)
    {
        var line = OneLine.Escape(text);
        var escaped = new StringBuilder(line.Length + 16);
        foreach (var c in line)
        {
            switch (c)
            {
                case '<':
                    escaped.Append("&lt;");
                    break;
                case '&':
                    escaped.Append("&amp;");
                    break;
                default:
                    if (Special.Contains(c, StringComparison.Ordinal))
                    {
                        escaped.Append('\\');
                    }

                    escaped.Append(c);
                    break;
            }
        }

        return escaped.ToString();
    }

    /// <summary>
    /// A command in a code span: backticks in it are fenced by a longer run of backticks, and it stays on one line. Pipes
    /// are not escaped (a code span in a list item, never in a table).
    /// </summary>
    public static string Code(string command)
    {
        var line = OneLine.Escape(command);
        var longest = 0;
        var run = 0;
        foreach (var c in line)
        {
            run = c == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        var fence = new string('`', longest + 1);
        var pad = line.StartsWith('`') || line.EndsWith('`') ? " " : string.Empty;
        return $"{fence}{pad}{line}{pad}{fence}";
    }
}
