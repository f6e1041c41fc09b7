#!/usr/bin/env python3
# Usage: eng/evaluation/ab-spread.py <eng/evaluate.sh output folder>...
# How far apart the two sides of an A/B trial measure unchanged code (the ab-aa level), first round only: for each
# benchmark and trial, the change of this build's median process against the base build's (log ratio, in %), then across
# the trials their spread (standard deviation) and the largest; and the spread of the processes inside one side. A wide
# spread across trials with narrow processes inside a side is the machine's slow phases landing on one side (what
# launches taking turns is for); processes that disagree inside a side is noise of the benchmark process itself.
# An analysis for docs/evaluation.md, from the trials' BenchmarkDotNet JSON (results/, results-base/).
import glob, json, math, os, statistics, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from launches import launch_medians  # one reading of the BenchmarkDotNet JSON for both analyses

print("| trials | benchmark | A/A trials | spread of this build vs base (sd) | largest | processes inside a side (sd) |")
print("|---|---|---|---|---|---|")
for root in sys.argv[1:]:
    changes, inside = {}, {}
    for trial in sorted(glob.glob(os.path.join(root, "trials", "ab-aa-[0-9]*"))):
        current, base = launch_medians(os.path.join(trial, "results")), launch_medians(os.path.join(trial, "results-base"))
        for name in sorted(set(current) & set(base)):
            changes.setdefault(name, []).append(100 * math.log(statistics.median(current[name]) / statistics.median(base[name])))
            for side in (current[name], base[name]):
                if len(side) > 1:
                    centre = statistics.median(side)
                    inside.setdefault(name, []).extend(100 * math.log(x / centre) for x in side)
    for name, values in changes.items():
        spread = statistics.stdev(values) if len(values) > 1 else float("nan")
        within = statistics.stdev(inside[name]) if len(inside.get(name, [])) > 1 else float("nan")
        print(f"| {os.path.basename(os.path.normpath(root))} | {name.split('.', 1)[1]} | {len(values)} | {spread:.1f}% | {max(values, key=abs):+.1f}% | {within:.1f}% |")
