using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

namespace Bench;

public static class Program
{
    // The style that honours the command line.
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}

/// <summary>The project's own config: PerfGate must keep it (it adds a column here).</summary>
public class ProjectConfig : ManualConfig
{
    public ProjectConfig() => AddColumn(StatisticColumn.P95);
}

[Config(typeof(ProjectConfig))]
public class VowelBenchmarks
{
    [Benchmark]
    public int Count() => Lib.Text.CountVowels("the quick brown fox jumps over the lazy dog");
}
