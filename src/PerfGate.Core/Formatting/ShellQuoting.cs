using System.Text;

namespace PerfGate.Formatting;

/// <summary>
/// Quotes one command-line argument so that a command PerfGate prints can be pasted into the shell it was printed for:
/// POSIX shells (bash, zsh, sh) on Linux and macOS, PowerShell and cmd on Windows. Arguments made only of characters no
/// shell treats specially are left bare, so the usual command stays easy to read.
/// </summary>
public static class ShellQuoting
{
    public static string Quote(string argument, bool windows)
    {
        if (argument.Length > 0 && argument.All(IsPlain))
        {
            return argument;
        }

        if (windows)
        {
            // Double quotes work in both cmd and PowerShell; a double quote inside is doubled for both.
            return "\"" + argument.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        }

        // Inside single quotes nothing is special in a POSIX shell; a single quote ends, is escaped, and reopens.
        return "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }

    /// <summary>A whole command line from its arguments.</summary>
    public static string Join(IEnumerable<string> arguments, bool windows) =>
        new StringBuilder().AppendJoin(' ', arguments.Select(a => Quote(a, windows))).ToString();

    private static bool IsPlain(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/' or ':' or '=' or '+' or ',' or '@';
}
