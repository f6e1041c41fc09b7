#!/usr/bin/env python3
# Usage: eng/evaluation/warn-confirmations.py <eng/evaluate.sh output folder>...
# What A/B mode's second look at a warning did in the trials (ConfirmationPolicy). Since 33306c5 a first run that
# measured past the WARN margin without proving it is measured again, and is a warning only if a confirmation run (or two
# together) proves it; since 067f0a2 a first-run WARN is measured once again too, and a round under the WARN margin
# dismisses it. From each trial's report.json it prints every judgement that was measured again, with the first run's
# change and what the confirmation runs made of it, then per level and benchmark: judgements, first-run findings that
# stood without a second look, and for each kind of second look how many there were and how they ended (WARN, or no
# finding). The per-level wall time, with and
# without such rounds, is the trials' own (trial.json), so what the extra rounds cost can be read beside it.
# An analysis for docs/evaluation.md ("A second look at an unproven +5%").
import collections, glob, json, os, statistics, sys

# The words ConfirmationPolicy's texts start with (DiagnosticCatalog): an unproven first run measured again
# (Warning*Text), then a first-run WARN measured again (FirstWarning*Text); each kind's texts that keep a warning first.
UNPROVEN = ("the first run proved no level, so it was measured again", "measured again, not a warning")
FIRST_WARN = ("confirmed by confirmation run", "past the WARN margin again", "dismissed as noise: measured again")
FIRST_WARN_PAST_MARGIN_START = "; confirmation run"


def second_look(evidence):
    """(kind, kept, the evidence from the second look's text) of a judgement measured again, or None."""
    for kind, texts in (("unproven", UNPROVEN), ("WARN", FIRST_WARN)):
        for index, text in enumerate(texts):
            start = evidence.find(text)
            if start < 0:
                continue
            if text == "past the WARN margin again":
                start = evidence.rfind(FIRST_WARN_PAST_MARGIN_START, 0, start) + 2
            return kind, index < len(texts) - 1, evidence[start:]
    return None


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
            again = second_look(evidence)
            if again is None and benchmark["verdict"] != "PASS":
                counts[key]["first-run finding"] += 1
            if again is not None:
                kind, kept, text = again
                again_in_trial = True
                counts[key][kind] += 1
                counts[key][kind + (" -> WARN" if kept else " -> no finding")] += 1
                print(f"| {trial} | {benchmark['name']} | {kind} at {(benchmark['timeRatio'] - 1) * 100:+.1f}% | {benchmark['verdict']} | {text} |")
        seconds[meta["level"]][1 if again_in_trial else 0].append(meta["seconds"])

    print()
    print("| level | benchmark | judgements | finding with no second look | first-run WARN measured again | -> WARN | -> no finding "
          "| unproven measured again | -> WARN | -> no finding |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for (level, name), c in sorted(counts.items()):
        print(f"| {level} | {name} | {c['judgements']} | {c['first-run finding']} | {c['WARN']} | {c['WARN -> WARN']} | {c['WARN -> no finding']} "
              f"| {c['unproven']} | {c['unproven -> WARN']} | {c['unproven -> no finding']} |")

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
