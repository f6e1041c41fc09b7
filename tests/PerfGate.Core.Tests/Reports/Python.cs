using System.Diagnostics;

namespace PerfGate.Core.Tests.Reports;

/// <summary>
/// Runs a Python script as a real consumer of a report (csv, xml.etree, jsonschema, html.parser). Python 3 with the
/// jsonschema package is a test requirement (.ci/run installs it; PERFGATE_PYTHON names the interpreter when it is not the
/// python3 on PATH); without it the tests fail, they do not skip.
/// </summary>
internal static class Python
{
    public static async Task<string> RunAsync(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("PERFGATE_PYTHON") is { Length: > 0 } interpreter ? interpreter : "python3") { RedirectStandardOutput = true, RedirectStandardError = true };
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
