namespace PerfGate.Results;

/// <summary>One workload result iteration of a BenchmarkDotNet report: which launch (process) measured it, and its time per operation.</summary>
internal readonly record struct WorkloadResult(int LaunchIndex, double NanosecondsPerOperation);
