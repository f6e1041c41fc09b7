using System.Diagnostics;

namespace PerfGate.Core.Tests.Reports;

/// <summary>
/// Runs a Python script as a real consumer of a report (csv, junitparser, jsonschema, html.parser). The system Python
/// /usr/bin/python3 with Debian's python3-jsonschema and python3-junitparser is a test requirement (.ci/run installs
/// them; PERFGATE_PYTHON names another interpreter); without them the tests fail, they do not skip.
/// </summary>
internal static class Python
{
    public static async Task<string> RunAsync(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo(Interpreter) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var python = Process.Start(start)!;
        var output = python.StandardOutput.ReadToEndAsync();
        var error = python.StandardError.ReadToEndAsync();
        await python.WaitForExitAsync();
        Assert.AreEqual(0, python.ExitCode, $"python3 failed: {await error}{await output}");
        return (await output).Trim();
    }

    private static string Interpreter =>
        Environment.GetEnvironmentVariable("PERFGATE_PYTHON") is { Length: > 0 } chosen ? chosen : File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

    /// <summary>The official SARIF 2.1.0 schema, kept in the repo beside the tests that validate against it.</summary>
    public static string SarifSchema
    {
        get
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                var schema = Path.Combine(directory.FullName, "docs", "schemas", "sarif-schema-2.1.0.json");
                if (File.Exists(schema))
                {
                    return schema;
                }
            }

            throw new InvalidOperationException("docs/schemas/sarif-schema-2.1.0.json not found");
        }
    }
}
