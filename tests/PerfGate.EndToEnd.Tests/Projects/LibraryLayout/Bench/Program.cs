using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Bench.LibBenchmarks).Assembly).Run(args);

namespace Bench
{
    public class LibBenchmarks
    {
        private readonly int[] data = Enumerable.Range(0, 2048).ToArray();

        [Benchmark]
        public long Checksum()
        {
            Hang.IfAsked();
            return Lib.Checksum.Compute(data);
        }

        [Benchmark]
        public long Inline()
        {
            long sum = 0;
            for (var pass = 0; pass < 1; pass++)
            {
                for (var i = 0; i < data.Length; i++)
                {
                    sum = (sum * 17) + data[i];
                }
            }

            return sum;
        }
    }

    /// <summary>PERFGATE_E2E_HANG_PIDS=&lt;folder&gt;: the benchmark process writes its id there and never returns.</summary>
    internal static class Hang
    {
        public static void IfAsked()
        {
            var folder = Environment.GetEnvironmentVariable("PERFGATE_E2E_HANG_PIDS");
            if (!string.IsNullOrEmpty(folder))
            {
                File.WriteAllText(Path.Combine(folder, Environment.ProcessId + ".pid"), string.Empty);
                Thread.Sleep(Timeout.Infinite);
            }
        }
    }
}
