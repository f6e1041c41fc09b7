using BenchmarkDotNet.Attributes;

namespace SampleBenchmarks;

public class HashingBenchmarks
{
    private readonly byte[] data = Enumerable.Range(0, 1024).Select(i => (byte)i).ToArray();

    [Benchmark]
    public uint Fnv1a()
    {
        var hash = 2166136261u;
        foreach (var b in data)
        {
            hash = (hash ^ b) * 16777619u;
        }

        return hash;
    }
}
