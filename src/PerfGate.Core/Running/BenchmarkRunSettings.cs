namespace PerfGate.Running;

/// <summary>
/// How to run one project's benchmarks. The benchmark assembly is started with <c>dotnet &lt;assembly&gt; --perfgate-run</c>;
/// PerfGate's entry point (build/PerfGateBenchmarkEntry.cs, compiled into gated projects) reads the other arguments,
/// runs every benchmark with BenchmarkSwitcher and exits before the project's own Main.
/// </summary>
/// <param name="DotnetHost">The dotnet executable that runs the assembly.</param>
/// <param name="AssemblyPath">The built benchmark assembly.</param>
/// <param name="ArtifactsDirectory">BenchmarkDotNet's artifacts folder; results land in its results/ subfolder.</param>
/// <param name="Filter">BenchmarkDotNet --filter globs; empty runs everything.</param>
/// <param name="Job">"perfgate" (PerfGate's job: 3 launches of 5 iterations), "default" (BenchmarkDotNet's default job, or the
/// project's own [Config] jobs) or "short" (a smoke run).</param>
/// <param name="IterationCount">Overrides the iteration count of every job; null leaves BenchmarkDotNet's choice.</param>
/// <param name="WarmupCount">Overrides the warm-up count of every job.</param>
/// <param name="IterationTimeMs">Overrides the target time of each iteration, in milliseconds.</param>
/// <param name="LaunchCount">Overrides how many processes (launches) each benchmark runs in.</param>
/// <param name="MsBuildProperties">Global properties of the gated build ("Name=value", MSBuild-escaped) that BenchmarkDotNet's own
/// build of the project must see too, so it measures what was built.</param>
/// <param name="BenchmarkTimeout">How long one benchmark (or BenchmarkDotNet's build before the first) may run before the
/// process tree is stopped and the benchmark is reported as hung.</param>
/// <param name="Shard">Only this stable slice of the cases (PerfGateShard); null runs them all.</param>
/// <param name="Turns">In A/B mode, the launches this process takes turns with (the other build's process); null runs
/// every launch as soon as BenchmarkDotNet gets to it.</param>
public sealed record BenchmarkRunSettings(
    string DotnetHost,
    string AssemblyPath,
    string ArtifactsDirectory,
    IReadOnlyList<string> Filter,
    string Job,
    int? IterationCount,
    int? WarmupCount,
    int? IterationTimeMs,
    IReadOnlyList<string> MsBuildProperties,
    TimeSpan BenchmarkTimeout,
    int? LaunchCount = null,
    BenchmarkShard? Shard = null,
    LaunchTurns? Turns = null)
{
    public string ResultsDirectory => Path.Combine(ArtifactsDirectory, "results");

    /// <summary>The command line after the dotnet host.</summary>
    public IReadOnlyList<string> Arguments()
    {
        var arguments = new List<string> { AssemblyPath, "--perfgate-run", "--perfgate-artifacts", ArtifactsDirectory, "--perfgate-job", Job };
        foreach (var filter in Filter)
        {
            arguments.AddRange(["--perfgate-filter", filter]);
        }

        if (Shard is not null)
        {
            arguments.AddRange(["--perfgate-shard", Shard.ToString()]);
        }

        foreach (var property in MsBuildProperties)
        {
            arguments.AddRange(["--perfgate-msbuild-property", property]);
        }

        void Add(string name, int? value)
        {
            if (value is int set)
            {
                arguments.AddRange([name, set.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            }
        }

        Add("--perfgate-iterations", IterationCount);
        Add("--perfgate-warmups", WarmupCount);
        Add("--perfgate-iteration-time-ms", IterationTimeMs);
        Add("--perfgate-launches", LaunchCount);
        if (Turns is not null)
        {
            arguments.AddRange(["--perfgate-turns", Turns.Folder, "--perfgate-side", Turns.Side, "--perfgate-first", Turns.First,
                "--perfgate-turn-wait-seconds", ((int)Math.Ceiling(Turns.LongestWait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            Add("--perfgate-shared-cpu", Turns.SharedCpu);
        }

        return arguments;
    }
}
