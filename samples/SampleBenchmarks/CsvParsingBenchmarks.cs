using BenchmarkDotNet.Attributes;

namespace SampleBenchmarks;

/// <summary>Splitting a CSV line: one allocating and one allocation-free way.</summary>
public class CsvParsingBenchmarks
{
    private string line = string.Empty;

    [Params(8, 64)]
    public int Fields;

    [GlobalSetup]
    public void Setup() => line = string.Join(',', Enumerable.Range(0, Fields).Select(i => $"field{i}"));

    [Benchmark]
    public int SplitWithStringSplit() => line.Split(',').Sum(field => field.Length);

    [Benchmark]
    public int SplitWithSpans()
    {
        var total = 0;
        var rest = line.AsSpan();
        while (true)
        {
            var comma = rest.IndexOf(',');
            if (comma < 0)
            {
                return total + rest.Length;
            }

            total += comma;
            rest = rest[(comma + 1)..];
        }
    }
}
