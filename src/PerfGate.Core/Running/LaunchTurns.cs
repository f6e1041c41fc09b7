namespace PerfGate.Running;

/// <summary>
/// How the base build's and this build's benchmark processes take turns in A/B mode: both BenchmarkDotNet runs start at
/// once, and each launch (one benchmark process) waits for its turn, so launches alternate first, second, second, first,
/// ... and no two run at the same time; or, with <see cref="SharedCpu"/>, launch i of both sides starts at once on that CPU. PerfGate's entry point (build/PerfGateBenchmarkEntry.cs) keeps the turns in files
/// of <see cref="Folder"/>; <see cref="Done"/> tells the other side that one has no launches left.
/// </summary>
/// <param name="Folder">The folder both processes keep their turn files in (one per round).</param>
/// <param name="Side">"base" or "current": which side this process is.</param>
/// <param name="First">The side whose launch runs first.</param>
/// <param name="LongestWait">How long a launch waits for its turn at most (the benchmark timeout: by then the other side's
/// launch has been stopped as hung anyway, and a process orphaned by a killed build never waits forever).</param>
/// <param name="SharedCpu">Set when launches run together on this CPU instead of taking turns (<see cref="AbSchedule"/>).</param>
public sealed record LaunchTurns(string Folder, string Side, string First, TimeSpan LongestWait, int? SharedCpu = null)
{
    public const string BaseSide = "base";

    public const string CurrentSide = "current";

    /// <summary>
    /// Marks <paramref name="side"/> as having no launches left, so the other side stops waiting for it: the entry point
    /// writes it when its run ends, PerfGate again when the process exits (it may have failed or been stopped first).
    /// </summary>
    public static void Done(string folder, string side)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "done-" + side), string.Empty);
    }

    /// <summary>A fresh turn folder: turns left by an earlier round or build must not count.</summary>
    public static void Prepare(string folder)
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(folder);
    }
}
