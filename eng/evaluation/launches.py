#!/usr/bin/env python3
# Usage: eng/evaluation/launches.py <trial folder> <benchmark, e.g. Work.Polynomial>
# The median of each BenchmarkDotNet launch (process) of one benchmark, for every round a trial of eng/evaluate.sh kept:
# the first run (results/, results-base/) and each confirmation round (artifacts-confirmation-N/, artifacts-base-
# confirmation-N/), and in A/B trials this build's launch over the base's launch of the same turn. It shows which
# launches a slow phase of the machine hit, for the trials docs/evaluation.md discusses.
import glob, json, os, statistics, sys

def launch_medians(folder):
    """Benchmark full name -> median ns per operation of each launch, in launch order, from a folder of BenchmarkDotNet full JSON."""
    medians = {}
    for path in glob.glob(os.path.join(folder, "*-report-full.json")):
        for b in json.load(open(path))["Benchmarks"]:
            by_launch = {}
            for m in b.get("Measurements") or []:
                if m["IterationMode"] == "Workload" and m["IterationStage"] == "Result":
                    by_launch.setdefault(m["LaunchIndex"], []).append(m["Nanoseconds"] / m["Operations"])
            if by_launch:
                medians[b["Type"] + "." + b["Method"]] = [statistics.median(v) for _, v in sorted(by_launch.items())]
    return medians

def rounds(trial):
    """(label, this build's folder, base's folder) for the first run and each confirmation round a trial kept."""
    numbers = sorted(int(p.rsplit("-", 1)[1]) for p in glob.glob(os.path.join(trial, "artifacts-confirmation-[0-9]*")))
    return [("first run", "results", "results-base")] + [
        (f"confirmation {n}", f"artifacts-confirmation-{n}", f"artifacts-base-confirmation-{n}") for n in numbers]

def main(trial, benchmark):
    print("| round | this build's launches (ns) | base's launches (ns) | this over base, turn by turn |")
    print("|---|---|---|---|")
    for label, current_dir, base_dir in rounds(trial):
        current = next((v for k, v in launch_medians(os.path.join(trial, current_dir)).items() if k.endswith(benchmark)), None)
        base = next((v for k, v in launch_medians(os.path.join(trial, base_dir)).items() if k.endswith(benchmark)), None)
        if current is None:
            continue
        pairs = ", ".join(f"{c / b - 1:+.1%}" for c, b in zip(current, base)) if base else "(no base: committed-baseline trial)"
        show = lambda side: ", ".join(f"{x:.1f}" for x in side) if side else "-"
        print(f"| {label} | {show(current)} | {show(base)} | {pairs} |")

if __name__ == "__main__":
    if len(sys.argv) != 3 or not os.path.isdir(sys.argv[1]):
        sys.exit("usage: eng/evaluation/launches.py <trial folder> <benchmark, e.g. Work.Polynomial>")
    main(sys.argv[1], sys.argv[2])
