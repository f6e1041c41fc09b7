namespace PerfGate.EndToEnd.Tests;

/// <summary>
/// A throwaway copy of one project under Projects/ in a temp folder with its own nuget.config (the packed PerfGate.Sdk
/// plus the usual feed) and empty Directory.Build files, built with the real `dotnet build`.
/// </summary>
internal sealed class Scenario
{
    /// <summary>
    /// A fast job that still gives 10 iterations per side. 600 ms of warm-up lets tiered JIT finish first: with 3 warm-ups
    /// of 25 ms the optimized code arrived mid-measurement and samples jumped 8x within one run. 120 ms iterations stay clear
    /// of BenchmarkDotNet's 100 ms MinIterationTime warning (PG1008), which a 100 ms target sometimes drew.
    /// </summary>
    public static readonly string[] FastJob = ["-p:PerfGateIterationCount=10", "-p:PerfGateWarmupCount=6", "-p:PerfGateIterationTimeMs=120", "-p:PerfGateLaunchCount=1"];

    private int builds;

    private Scenario(string directory) => Directory = directory;

    public string Directory { get; private set; }

    public static Scenario Create(string template)
    {
        var directory = Path.Combine(PackedPackage.Root, $"{template}-{Guid.NewGuid():N}"[..(template.Length + 9)]);
        Copy(Path.Combine(AppContext.BaseDirectory, "Projects", template), directory);
        File.WriteAllText(Path.Combine(directory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="perfgate-under-test" value="{PackedPackage.Folder}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
            </configuration>
            """);
        foreach (var name in new[] { "Directory.Build.props", "Directory.Build.targets" })
        {
            var path = Path.Combine(directory, name);
            if (!File.Exists(path))
            {
                File.WriteAllText(path, "<Project />");
            }
        }

        return new Scenario(directory);
    }

    public string PathOf(params string[] parts) => Path.Combine([Directory, .. parts]);

    /// <summary>`dotnet build` with a binary log; <paramref name="environment"/> reaches the benchmark processes.</summary>
    public Task<DotnetCli.Result> BuildAsync(string project, IReadOnlyDictionary<string, string?>? environment = null, params string[] properties) =>
        BuildAsync(project, environment, null, properties);

    /// <summary>As above; <paramref name="onStarted"/> gets the running `dotnet build` process.</summary>
    public Task<DotnetCli.Result> BuildAsync(string project, IReadOnlyDictionary<string, string?>? environment, Action<System.Diagnostics.Process>? onStarted, params string[] properties)
    {
        var environmentWithCache = new Dictionary<string, string?>(environment ?? new Dictionary<string, string?>())
        {
            ["NUGET_PACKAGES"] = PackedPackage.NuGetCache,
            // Dynamic PGO makes the final JIT code differ from process to process: a benchmark here ran at 104 ns in one
            // process and 185 ns in the next. That between-run noise is real, but these tests check the gate's plumbing,
            // so the benchmark processes (which inherit this) compile the same code every time.
            ["DOTNET_TieredPGO"] = "0",
        };
        var binlog = PathOf($"build-{Interlocked.Increment(ref builds)}.binlog");
        return DotnetCli.RunAsync(Directory, environmentWithCache, onStarted, ["build", project, "-tl:off", "-nodeReuse:false", $"-bl:{binlog}", .. properties]);
    }

    /// <summary>The 1-based line that declares <paramref name="declaration"/> (for example "public long Sum(") in a source file.</summary>
    public int LineOf(string file, string declaration, int occurrence = 1)
    {
        var lines = File.ReadAllLines(PathOf(file));
        return lines.Select((text, index) => (text, index)).Where(l => l.text.Contains(declaration, StringComparison.Ordinal)).ElementAt(occurrence - 1).index + 1;
    }

    /// <summary>Keeps this scenario's folder (its binlogs) after the run, for a failed test.</summary>
    public void Keep()
    {
        var kept = Path.Combine(PackedPackage.Root, "keep-" + Path.GetFileName(Directory));
        if (!System.IO.Directory.Exists(kept))
        {
            System.IO.Directory.Move(Directory, kept);
            Directory = kept;
        }
    }

    private static void Copy(string source, string target)
    {
        System.IO.Directory.CreateDirectory(target);
        foreach (var file in System.IO.Directory.GetFiles(source))
        {
            var text = File.ReadAllText(file).Replace("PERFGATE_TEST_VERSION", PackedPackage.Version, StringComparison.Ordinal);
            File.WriteAllText(Path.Combine(target, Path.GetFileName(file)), text);
        }

        foreach (var directory in System.IO.Directory.GetDirectories(source))
        {
            Copy(directory, Path.Combine(target, Path.GetFileName(directory)));
        }
    }
}
