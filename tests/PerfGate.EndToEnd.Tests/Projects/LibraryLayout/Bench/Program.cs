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
            var sum = Lib.Checksum.Compute(data);
            for (var extra = Jitter.Factor() - 1; extra > 0; extra--)
            {
                sum += Lib.Checksum.Compute(data);
            }

            return sum;
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

    /// <summary>
    /// PERFGATE_E2E_JITTER=1: the work varies with the clock from 1x to 32x (log-uniform, a new factor every 130 ms, so an
    /// iteration of 120 ms sees one or two), on both sides of an A/B comparison alike: iterations as far apart as on a
    /// badly shared machine, with nothing changed.
    /// </summary>
    internal static class Jitter
    {
        private static readonly bool On = Environment.GetEnvironmentVariable("PERFGATE_E2E_JITTER") == "1";

        public static int Factor()
        {
            if (!On)
            {
                return 1;
            }

            var slot = (ulong)(Environment.TickCount64 / 130);
            var bits = (slot * 0x9E3779B97F4A7C15UL) >> 40; // 24 well-mixed bits of the slot number
            return (int)Math.Pow(2, 5.0 * bits / (1 << 24));
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
