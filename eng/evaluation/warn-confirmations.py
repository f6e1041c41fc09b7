#!/usr/bin/env python3
# Usage: eng/evaluation/warn-confirmations.py <eng/evaluate.sh output folder>...
# What A/B mode's confirmation of an unproven warning did in the trials (ConfirmationPolicy, since 33306c5): a first run
# that measured past the WARN margin without proving it is measured again, and is a warning only if a confirmation run
# (or two together) proves it. From each trial's report.json it prints every judgement that was measured again, with the
# first run's change and what the confirmation runs made of it, then per level and benchmark: judgements, first-run
# findings, judgements measured again, and how those ended (WARN, or no finding). The per-level wall time, with and
# without such rounds, is the trials' own (trial.json), so what the extra rounds cost can be read beside it.
# An analysis for docs/evaluation.md ("A second look at an unproven +5%").
import collections, glob, json, os, statistics, sys

# The words ConfirmationPolicy's texts (DiagnosticCatalog.Warning*Text) start with.
PROVEN = "the first run proved no level, so it was measured again"
NOT_PROVEN = "measured again, not a warning"


def trials(folders):
    for folder in folders:
        for report in sorted(glob.glob(os.path.join(folder, "trials", "*", "report.json"))):
            trial = os.path.dirname(report)
            with open(os.path.join(trial, "trial.json")) as f:
                meta = json.load(f)
            with open(report) as f:
                yield os.path.relpath(trial), meta, json.load(f)


def main(folders):
    counts = collections.defaultdict(collections.Counter)
    seconds = collections.defaultdict(lambda: ([], []))
    print("judgements measured again")
    print("| trial | benchmark | first run | verdict | how the confirmation runs decided |")
    print("|---|---|---|---|---|")
    for trial, meta, report in trials(folders):
        again_in_trial = False
        for benchmark in report["benchmarks"]:
            evidence = benchmark.get("timeEvidence") or ""
            key = (meta["level"], benchmark["name"])
            counts[key]["judgements"] += 1
            start = max(evidence.find(PROVEN), evidence.find(NOT_PROVEN))
            again = start >= 0
            if not again and benchmark["verdict"] != "PASS":
                counts[key]["first-run finding"] += 1
            if again:
                again_in_trial = True
                counts[key]["measured again"] += 1
                counts[key]["-> WARN" if PROVEN in evidence else "-> no finding"] += 1
                print(f"| {trial} | {benchmark['name']} | {(benchmark['timeRatio'] - 1) * 100:+.1f}% | {benchmark['verdict']} | {evidence[start:]} |")
        seconds[meta["level"]][1 if again_in_trial else 0].append(meta["seconds"])

    print()
    print("| level | benchmark | judgements | first-run finding | measured again | -> WARN | -> no finding |")
    print("|---|---|---|---|---|---|---|")
    for (level, name), c in sorted(counts.items()):
        print(f"| {level} | {name} | {c['judgements']} | {c['first-run finding']} | {c['measured again']} | {c['-> WARN']} | {c['-> no finding']} |")

    print()
    print("| level | mean wall time per trial, no judgement measured again (trials) | with one or more (trials) |")
    print("|---|---|---|")
    for level, (without, with_round) in sorted(seconds.items()):
        mean = lambda values: f"{statistics.mean(values):.1f} s ({len(values)})" if values else "-"
        print(f"| {level} | {mean(without)} | {mean(with_round)} |")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: eng/evaluation/warn-confirmations.py <eng/evaluate.sh output folder>...")
    main(sys.argv[1:])
