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

        /// <summary>With PERFGATE_E2E_SLOW_ONCE_DIR set, a case is 4x slower only in the first process that runs it.</summary>
        public static int WorkFactorFor(string benchmarkCase)
        {
            var markers = Environment.GetEnvironmentVariable("PERFGATE_E2E_SLOW_ONCE_DIR");
            if (string.IsNullOrEmpty(markers))
            {
                return WorkFactor;
            }

            var marker = Path.Combine(markers, benchmarkCase);
            if (File.Exists(marker))
            {
                return WorkFactor;
            }

            File.WriteAllText(marker, "measured slow once");
            return 4;
        }
    }

    public class Work
    {
        private readonly int[] data = Enumerable.Range(0, 4096).ToArray();

        public static int[]? LastExtra { get; private set; }

        private int workFactor;

        [Params(256, 512)]
        public int N;

        [GlobalSetup]
        public void Setup() => workFactor = Knobs.WorkFactorFor($"Sum-{N}");

        [Benchmark]
        public long Sum()
        {
            long total = 0;
            for (var round = 0; round < workFactor; round++)
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

            // Stored in a static field: an array that does not escape, .NET 10 allocates on the stack.
            LastExtra = Knobs.ExtraAllocation ? new int[4] : null;
            var hash = 17;
            for (var i = 0; i < 256; i++)
            {
                hash = (hash * 31) + data[i];
            }

            return hash + (LastExtra?.Length ?? 0);
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
