#!/usr/bin/env python3
# Usage: eng/evaluation/lone-iterations.py <evaluation folder>...
# Counts the launches (benchmark processes) of the Work benchmarks in which a measured iteration came out under 80% of its
# launch's median: with PerfGateAbSchedule=shared-cpu, an iteration that ran without the other side sharing the CPU runs
# about twice as fast. docs/evaluation.md ("Launches side by side on one CPU") quotes its counts.
import glob, json, os, statistics, sys

for folder in sys.argv[1:]:
    launches = lone = 0
    for path in sorted(glob.glob(os.path.join(folder, "trials", "*", "*", "Evaluation.Work-report-full.json"))):
        for benchmark in json.load(open(path))["Benchmarks"]:
            by_launch = {}
            for m in benchmark.get("Measurements") or []:
                if m["IterationMode"] == "Workload" and m["IterationStage"] == "Actual":
                    by_launch.setdefault(m["LaunchIndex"], []).append(m["Nanoseconds"] / m["Operations"])
            for index, values in sorted(by_launch.items()):
                launches += 1
                median = statistics.median(values)
                if any(v < 0.8 * median for v in values):
                    lone += 1
                    print(f"  {os.path.relpath(path, folder)} {benchmark['Method']} launch {index}: " + ", ".join(f"{v:.0f}" for v in values))
    print(f"{os.path.basename(folder.rstrip('/'))}: {lone} of {launches} launches with an iteration under 80% of the launch's median")
