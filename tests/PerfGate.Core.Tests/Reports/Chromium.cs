using System.Diagnostics;

namespace PerfGate.Core.Tests.Reports;

/// <summary>
/// Opens a page from disk in headless Chromium (Debian's chromium package; .ci/run installs it) with the network off: its
/// DOM after the page's script ran, what it logged to the console, and a screenshot. A test requirement: without
/// Chromium the tests fail, they do not skip.
/// </summary>
internal static class Chromium
{
    public sealed record Page(string Dom, string Log, string Screenshot);

    public static async Task<Page> OpenAsync(string htmlPath)
    {
        var screenshot = Path.ChangeExtension(htmlPath, ".png");
        var uri = new Uri(htmlPath).AbsoluteUri;
        var dom = await RunAsync(["--dump-dom", uri]);
        await RunAsync([$"--screenshot={screenshot}", "--window-size=1280,1400", "--hide-scrollbars", uri]);
        return new Page(dom.Output, dom.Log, screenshot);
    }

    private static async Task<(string Output, string Log)> RunAsync(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("chromium") { RedirectStandardOutput = true, RedirectStandardError = true };
        // Headless as root needs --no-sandbox; the resolver rule keeps the page off the network; console messages go to stderr.
        foreach (var argument in (string[])["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--host-resolver-rules=MAP * ~NOTFOUND",
                     "--enable-logging=stderr", "--v=0", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        using var chromium = Process.Start(start)!;
        var output = chromium.StandardOutput.ReadToEndAsync();
        var log = chromium.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await chromium.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            chromium.Kill(entireProcessTree: true);
            Assert.Fail("chromium did not finish within 90 s");
        }

        Assert.AreEqual(0, chromium.ExitCode, await log);
        return (await output, await log);
    }
}
