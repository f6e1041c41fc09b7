#!/usr/bin/env python3
# Usage: eng/evaluation/stricter-warnings.py <eng/evaluate.sh output folder>...
# What the false-WARN and +5%-reported rates would be under a stricter warning policy, from the trials' report.json
# (an analysis for docs/evaluation.md, not the gate's behaviour):
# (1) a FAIL that did not repeat in confirmation is dismissed, not a warning; (2) PG1005 only when the unproven
# slowdown was tried at the FAIL level's margin ("more than 5%"), not at the WARN level's ("more than 2.5%");
# (3) BenchmarkDotNet's own warnings (PG1008) are not counted (they are about the benchmark, not its time).
import json, glob, os, sys
def time_warn(findings, bench, variant):
    warn = False
    for f in findings:
        if f.get("benchmark") != bench or not f["code"].startswith("PG1"): continue
        rule = int(f["code"][3:])
        if rule >= 10: continue
        if variant:
            if rule == 8: continue
            if rule == 1 and "did not repeat" in f["message"]: continue
            if rule == 5 and "more than 2.5% (half the budget)" in f["message"]: continue
        warn = True
    return warn
benches = ["Evaluation.Memory.Allocate", "Evaluation.Work.Hash", "Evaluation.Work.Polynomial"]
for folder in sys.argv[1:]:
    for level in ["aa", "aa-busy", "ab-aa", "work5"]:
        trials = [d for d in glob.glob(f"{folder}/trials/{level}-[0-9]*") if os.path.exists(d + "/report.json")]
        if not trials: continue
        for variant in (False, True):
            hits = total = 0
            for d in trials:
                findings = json.load(open(d + "/report.json"))["findings"]
                fails = {f.get("benchmark") for f in findings if f["tier"] in ("FAIL", "BLOCK")}
                targets = benches if level != "work5" else benches[1:]
                for b in targets:
                    total += 1
                    if level == "work5":
                        hits += (b in fails) or time_warn(findings, b, variant)
                    else:
                        hits += (b not in fails) and time_warn(findings, b, variant)
            print(f"{level:8} {'variant' if variant else 'as run '}: {hits}/{total}")
