#!/usr/bin/env python3
# Usage: eng/evaluation/check-alongside.py <eng/evaluate.sh output folder>...
# What measuring every benchmark beside the baseline's commit, once the check runs (PerfGateCheckEveryBenchmark, since
# 61d7e4e), did in committed-baseline trials. For each trial it prints each benchmark's first-run change against the
# baseline, why the build measured it beside the baseline's commit (flagged: its own slowdown past half the WARN budget,
# or PG0061's "recorded in processes ... apart"; alongside: measured with them; or not measured there) and its verdict.
# Then, per level, for the Work benchmarks of the work levels (the changed ones) and every benchmark of the others:
#   - judgements, and how many ended reported (WARN or FAIL);
#   - "alongside, reported": found only because they went alongside. Flagged-only (before 61d7e4e) would have judged them
#     by the first run against the baseline; their first-run change is printed, so what that would have said can be read;
#   - trials whose check ran only for an entry PG0061 flagged (every flagged reason is "recorded in processes ... apart"):
#     no benchmark's first run flagged it. With a recording PG0061 did not flag, those trials would have measured nothing
#     beside the baseline's commit.
# The lists are the build log's own line ("... the committed baseline: <flagged>; and N more alongside them ...: <list>;").
# An analysis for docs/evaluation.md ("Every benchmark beside the baseline's commit once the check runs").
import collections, glob, json, os, re, sys

ENTRY = re.compile(r"(Evaluation\.[A-Za-z.]+) \(([^()]*)\)")


def lists(log):
    """(flagged {key: reason}, alongside {key: reason}) from the build log's check line; empty when nothing was checked."""
    line = re.search(r"the code that recorded the committed baseline: ([^\n]*?)checking it out", log)
    if not line:
        return {}, {}
    flagged_part, _, alongside_part = line.group(1).partition(" more alongside them")
    return dict(ENTRY.findall(flagged_part)), dict(ENTRY.findall(alongside_part))


def main(folders):
    per_level = collections.defaultdict(collections.Counter)
    for folder in folders:
        for report in sorted(glob.glob(os.path.join(folder, "trials", "*", "report.json"))):
            trial = os.path.dirname(report)
            name = os.path.basename(trial)
            level = name.rsplit("-", 1)[0]
            flagged, alongside = lists(open(os.path.join(trial, "build.log"), encoding="utf-8").read())
            rows = json.load(open(report))["benchmarks"]
            print(f"{os.path.basename(folder)}/{name}")
            for row in rows:
                key, ratio, verdict = row["name"], row["timeRatio"], row["verdict"]
                why = ("flagged: " + flagged[key]) if key in flagged else ("alongside" if key in alongside else "not measured there")
                print(f"  {key:30} {100 * ratio - 100:+6.1f}%  {verdict:5} {why}")
                counted = key.startswith("Evaluation.Work.") if level.startswith("work") else True
                if counted:
                    c = per_level[level]
                    c["judgements"] += 1
                    c["reported"] += verdict in ("WARN", "FAIL")
                    c["alongside"] += key in alongside
                    c["alongside, reported"] += key in alongside and verdict in ("WARN", "FAIL")
            c = per_level[level]
            c["trials"] += 1
            c["trials that checked"] += bool(flagged)
            c["trials checked for PG0061 alone"] += bool(flagged) and all(r.startswith("recorded in processes") for r in flagged.values())
    print()
    print("| level | trials | checked | checked for a PG0061 entry alone | judgements | reported (WARN or FAIL) | measured alongside | alongside, reported |")
    print("|---|---|---|---|---|---|---|---|")
    for level, c in sorted(per_level.items()):
        print(f"| {level} | {c['trials']} | {c['trials that checked']} | {c['trials checked for PG0061 alone']} | {c['judgements']} | "
              f"{c['reported']} | {c['alongside']} | {c['alongside, reported']} |")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__ or "usage: eng/evaluation/check-alongside.py <eng/evaluate.sh output folder>...")
    main(sys.argv[1:])
