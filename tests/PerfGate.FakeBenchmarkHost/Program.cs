// PERFGATE_FAKE_HANG=<file>: prints a benchmark's start line as BenchmarkDotNet does, writes its process id to <file>, and
// never returns. Otherwise exits with PERFGATE_FAKE_EXIT (default 0) having written no results.
var hangFile = Environment.GetEnvironmentVariable("PERFGATE_FAKE_HANG");
if (!string.IsNullOrEmpty(hangFile))
{
    Console.WriteLine("// ***** Found 1 benchmark(s) in total *****");
    Console.WriteLine("// Benchmark: FakeBenchmarks.Hang: DefaultJob");
    File.WriteAllText(hangFile, Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
    Thread.Sleep(Timeout.Infinite);
}

Console.WriteLine("PerfGate fake benchmark host: no benchmarks here.");
return int.TryParse(Environment.GetEnvironmentVariable("PERFGATE_FAKE_EXIT"), out var code) ? code : 0;
