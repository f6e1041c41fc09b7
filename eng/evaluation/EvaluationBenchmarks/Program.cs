using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Evaluation.Knobs).Assembly).Run(args);

namespace Evaluation
{
    /// <summary>
    /// The injected regressions. PERFGATE_EVAL_WORK_PERCENT raises the work of the Work benchmarks by that many percent;
    /// PERFGATE_EVAL_EXTRA_ALLOCATION=1 adds one small allocation to Memory.Allocate. BenchmarkDotNet's processes inherit them.
    /// <see cref="CompiledKnobs.WorkPercent"/> adds to the work in code (the A/B levels).
    /// </summary>
    public static class Knobs
    {
        public static int WorkPercent => int.Parse(Environment.GetEnvironmentVariable("PERFGATE_EVAL_WORK_PERCENT") ?? "0") + CompiledKnobs.WorkPercent;

        public static bool ExtraAllocation => Environment.GetEnvironmentVariable("PERFGATE_EVAL_EXTRA_ALLOCATION") == "1";

        /// <summary>A loop count raised by the work knob: time grows in proportion, since the loop is the whole benchmark.</summary>
        public static int Scaled(int count) => count * (100 + WorkPercent) / 100;
    }

    public class Work
    {
        private readonly uint[] data = Enumerable.Range(1, 4096).Select(i => (uint)i * 2654435761u).ToArray();
        private int polynomialCount;
        private int hashCount;

        [GlobalSetup]
        public void Setup()
        {
            polynomialCount = Knobs.Scaled(2000);
            hashCount = Knobs.Scaled(2000);
        }

        // Both benchmarks are serial dependency chains, so their time grows in proportion to the loop count; a loop of
        // independent additions, tried first, grew far less than its work.
        [Benchmark]
        public ulong Polynomial()
        {
            ulong total = 0;
            for (var i = 0; i < polynomialCount; i++)
            {
                total = (total * 31) + data[i & 4095];
            }

            return total;
        }

        [Benchmark]
        public uint Hash()
        {
            var hash = 2166136261u;
            for (var i = 0; i < hashCount; i++)
            {
                hash = (hash ^ data[i & 4095]) * 16777619u;
            }

            return hash;
        }
    }

    public class Memory
    {
        private bool extra;

        public static object? Last { get; private set; }

        [GlobalSetup]
        public void Setup() => extra = Knobs.ExtraAllocation;

        [Benchmark]
        public int Allocate()
        {
            var buffer = new byte[256];
            buffer[0] = 1;
            if (extra)
            {
                Last = new object(); // One more allocation (24 bytes); stored so it escapes and lands on the heap.
            }

            Last ??= buffer;
            return buffer.Length;
        }
    }
}
