#!/usr/bin/env python3
"""Writes the inputs eng/measure-tool.sh times the perfgate tool on:
- history.jsonl: RUNS runs x BENCHMARKS benchmarks in PerfGate's history format (docs/schemas/perfgate.history.schema.json),
  medians around 1 us with noise, a 15% step in every tenth benchmark at run 2/3;
- baseline/ and current/: BenchmarkDotNet 0.14.0 full JSON reports (the fields PerfGate reads) of CASES benchmark cases
  with SAMPLES iterations each, current 3% slower; like BenchmarkDotNet's, each lists every iteration it measured
  (jitting, pilot, warm-up, overhead, workload; about 40 KB a case), unless the sixth argument is "lean" (statistics only).
Deterministic (seeded), so every run of the script measures the same files."""
import datetime, json, os, random, sys

out, runs, benchmarks, cases, samples = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
lean = len(sys.argv) > 6 and sys.argv[6] == "lean"
rng = random.Random(42)
os.makedirs(out, exist_ok=True)

with open(os.path.join(out, "history.jsonl"), "w") as history:
    for run in range(1, runs + 1):
        classes = {}
        for b in range(benchmarks):
            level = 1000 * (1 + b / benchmarks) * (1.15 if b % 10 == 0 and run >= runs * 2 // 3 else 1)
            median = round(level * (1 + rng.gauss(0, 0.01)), 1)
            classes.setdefault(f"Perf.Suite{b // 50}.Bench", {})[f"Run(Size: {b})"] = [median, median, round(median * 1.1, 1), round(median * 1.2, 1), 64, 15]
        line = {"schema": 1, "time": (datetime.datetime(2024, 1, 1) + datetime.timedelta(hours=12 * run)).strftime("%Y-%m-%dT%H:%M:%S.000Z"), "kind": "gate", "project": "Perf",
                "verdict": "PASS", "commit": f"{run:040x}", "branch": "main", "job": "perfgate", "benchmarks": classes}
        history.write(json.dumps(line, separators=(",", ":")) + "\n")

def report(path, factor):
    benchmarks = []
    for c in range(cases):
        values = [1000 * (1 + c / cases) * factor * (1 + rng.gauss(0, 0.01)) for _ in range(samples)]
        # Every iteration BenchmarkDotNet measured, as its full report lists them: the reader walks them all.
        stages = [("Overhead", "Jitting", 1), ("Workload", "Jitting", 1), ("Workload", "Pilot", 12), ("Overhead", "Warmup", 8),
                  ("Overhead", "Actual", 20), ("Workload", "Warmup", 6), ("Workload", "Actual", samples)]
        measurements = [{"IterationMode": mode, "IterationStage": stage, "LaunchIndex": 1, "IterationIndex": i + 1, "Operations": 1048576,
                         "Nanoseconds": round(v * 1048576 if stage != "Jitting" else 5e6, 2)}
                        for mode, stage, count in stages for i, v in zip(range(count), values * 2)]
        measurements += [{"IterationMode": "Workload", "IterationStage": "Result", "LaunchIndex": 1, "IterationIndex": i + 1, "Operations": 1048576,
                          "Nanoseconds": round(v * 1048576, 2)} for i, v in enumerate(values)]
        benchmarks.append({"DisplayInfo": f"Bench.Run: DefaultJob [Size={c}]", "Namespace": "Perf", "Type": "Bench", "Method": "Run",
                           "FullName": f"Perf.Bench.Run(Size: {c})", "Statistics": {"OriginalValues": values}, **({} if lean else {"Measurements": measurements}),
                           "Memory": {"Gen0Collections": 0, "Gen1Collections": 0, "Gen2Collections": 0, "TotalOperations": 1000000, "BytesAllocatedPerOperation": 64}})
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        json.dump({"Title": "Perf", "HostEnvironmentInfo": {"OsVersion": "Linux", "ProcessorName": "CPU", "PhysicalCoreCount": 2, "LogicalCoreCount": 2,
                   "RuntimeVersion": ".NET 10.0", "Architecture": "X64", "BenchmarkDotNetVersion": "0.14.0"}, "Benchmarks": benchmarks}, f)

report(os.path.join(out, "baseline", "Perf.Bench-report-full.json"), 1.0)
report(os.path.join(out, "current", "Perf.Bench-report-full.json"), 1.03)
