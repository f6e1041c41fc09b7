using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;

// The template's style: Main ignores the command line and runs fixed classes.
BenchmarkRunner.Run<Shop.Work>();
BenchmarkRunner.Run<Warehouse.Work>();

namespace Shop
{
    /// <summary>Knobs the tests turn through environment variables, which the benchmark processes inherit.</summary>
    public static class Knobs
    {
        public static readonly int WorkFactor = int.Parse(Environment.GetEnvironmentVariable("PERFGATE_E2E_WORK_FACTOR") ?? "1");
        public static readonly bool ExtraAllocation = Environment.GetEnvironmentVariable("PERFGATE_E2E_EXTRA_ALLOCATION") == "1";
        public static readonly bool Throw = Environment.GetEnvironmentVariable("PERFGATE_E2E_THROW") == "1";
    }

    public class Work
    {
        private readonly int[] data = Enumerable.Range(0, 4096).ToArray();

        [Params(256, 512)]
        public int N;

        [Benchmark]
        public long Sum()
        {
            long total = 0;
            for (var round = 0; round < Knobs.WorkFactor; round++)
            {
                for (var i = 0; i < N; i++)
                {
                    total += data[i] ^ round;
                }
            }

            return total;
        }

        [Benchmark]
        public int Checksum()
        {
            if (Knobs.Throw)
            {
                throw new InvalidOperationException("PerfGate end-to-end test: this benchmark throws on purpose.");
            }

            var extra = Knobs.ExtraAllocation ? new int[4] : null;
            var hash = 17;
            for (var i = 0; i < 256; i++)
            {
                hash = (hash * 31) + data[i];
            }

            return hash + (extra?.Length ?? 0);
        }
    }
}

namespace Warehouse
{
    // Same class and method names as Shop.Work.Sum: the namespace keeps them apart.
    public class Work
    {
        private readonly double[] values = Enumerable.Range(1, 512).Select(i => (double)i).ToArray();

        [Benchmark]
        public double Sum()
        {
            var total = 0.0;
            foreach (var value in values)
            {
                total += value;
            }

            return total;
        }
    }
}
