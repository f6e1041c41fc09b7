using System.Diagnostics;
using PerfGate.Diagnostics;

namespace PerfGate.BaseBuilds;

/// <summary>
/// The few git commands A/B mode needs, run with the git on PATH. Output is captured and never shown as a stack trace:
/// a failure becomes a <see cref="BaseUnavailableException"/> whose message says what to do.
/// </summary>
public static class Git
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    /// <summary>The result of one git command: exit code, standard output (trimmed) and standard error (trimmed).</summary>
    public sealed record Output(int ExitCode, string StandardOutput, string StandardError)
    {
        public bool Succeeded => ExitCode == 0;
    }

    /// <summary>Runs git in <paramref name="directory"/>; throws PG3113 when git cannot be started at all.</summary>
    public static async Task<Output> RunAsync(string directory, CancellationToken cancellation, params string[] arguments)
    {
        var start = new ProcessStartInfo("git")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = directory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Never prompt (credentials, editors): a build cannot answer.
        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        start.Environment["GIT_OPTIONAL_LOCKS"] = "0";
        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception error)
        {
            throw new BaseUnavailableException(DiagnosticCatalog.BaseNotAvailable,
                DiagnosticCatalog.BaseNotAvailable.FormatMessage($"git could not be started ({error.Message})",
                    "A/B mode (PerfGateCompareWith) runs git: install it and put it on PATH"));
        }

        process.StandardInput.Close();
        var standardOutput = process.StandardOutput.ReadToEndAsync(cancellation);
        var standardError = process.StandardError.ReadToEndAsync(cancellation);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timeout.CancelAfter(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            cancellation.ThrowIfCancellationRequested();
            throw new BaseUnavailableException(DiagnosticCatalog.BaseNotAvailable,
                DiagnosticCatalog.BaseNotAvailable.FormatMessage($"'git {string.Join(' ', arguments)}' did not finish within {Timeout.TotalMinutes} minutes", "Check the repository (git status) and build again"));
        }

        return new Output(process.ExitCode, (await standardOutput.ConfigureAwait(false)).Trim(), (await standardError.ConfigureAwait(false)).Trim());
    }
}
