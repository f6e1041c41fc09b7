using System.Diagnostics;
using PerfGate.Formatting;
using PerfGate.Running;

namespace PerfGate.Gating;

/// <summary>
/// Turns BenchmarkDotNet's console output into progress lines a developer sees at the default verbosity: one per benchmark
/// as it starts ("[2/5] Shop.Work.Sum: DefaultJob [N=256]", with the time so far), BenchmarkDotNet's build of the project,
/// and a reminder every <see cref="ReminderInterval"/> while one step runs long. Every line also goes to the detail log.
/// </summary>
internal sealed class BenchmarkProgress(IGateLog log, string label, Stopwatch gateClock)
{
    private static readonly TimeSpan ReminderInterval = TimeSpan.FromSeconds(15);

    private readonly Stopwatch stepClock = Stopwatch.StartNew();
    private readonly Stopwatch quiet = Stopwatch.StartNew();
    private string step = "starting the benchmark process";
    private int started;
    private int total;

    public void OnLine(string line)
    {
        log.Detail(line);
        var found = line.IndexOf("Found ", StringComparison.Ordinal);
        if (line.StartsWith("// ***** Found ", StringComparison.Ordinal)
            && int.TryParse(line[(found + 6)..].Split(' ')[0], out var count))
        {
            total += count;
        }
        else if (line.StartsWith("// ***** Building ", StringComparison.Ordinal))
        {
            Step("BenchmarkDotNet is building the benchmark project in Release");
        }
        else if (line.StartsWith(BenchmarkProcess.BenchmarkStartMarker, StringComparison.Ordinal))
        {
            started++;
            var of = total > 0 ? $"/{total}" : string.Empty;
            Step($"[{started}{of}] {OneLine.Escape(line[BenchmarkProcess.BenchmarkStartMarker.Length..])}");
        }
    }

    /// <summary>Called about once a second: says what is still running when nothing was said for a while.</summary>
    public void OnTick()
    {
        if (quiet.Elapsed >= ReminderInterval)
        {
            Say($"still running {step} ({UnitFormat.Elapsed(stepClock.Elapsed)} for this step, {UnitFormat.Elapsed(gateClock.Elapsed)} in all)");
        }
    }

    private void Step(string what)
    {
        step = what;
        stepClock.Restart();
        Say($"{what} ({UnitFormat.Elapsed(gateClock.Elapsed)} so far)");
    }

    private void Say(string text)
    {
        quiet.Restart();
        log.Progress($"PerfGate {label}: {text}");
    }
}
