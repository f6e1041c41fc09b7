// Benchmark runs must never overlap (PerfGate serializes them anyway), and each scenario is a sequence of builds.
[assembly: DoNotParallelize]
