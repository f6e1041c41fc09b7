using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;

BenchmarkRunner.Run<Hashing>();

public class Hashing
{
    [Benchmark]
    public int Hash() => "PerfGate as an MSBuild SDK".GetHashCode();
}
