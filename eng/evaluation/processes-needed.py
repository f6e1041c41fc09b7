#!/usr/bin/env python3
# Usage: eng/evaluation/processes-needed.py [--as NAME] <eng/evaluate.sh output folder>...
#   --as NAME  pools every folder's trials into one row group named NAME (the runs of one schedule, say), instead of a
#              group per folder
# How many benchmark processes per side issue 10's +10% target needs on the machine the A/B trials ran on, from the
# trials themselves. In A/B mode each round's launches take turns, so launch i of this build and launch i of the base
# form a pair; the log of their medians' ratio is one process-level measurement of the change. For each folder,
# neighbour (none, busy, slower) and benchmark it prints:
#   - the spread of those pairs inside a round, every round of every A/B trial (the true change is the same inside a
#     round, so how far its pairs differ is noise): the pooled standard deviation, and a robust one that a process in a
#     rare slow state does not inflate (the median difference between two pairs of a round, over 0.6745 * sqrt(2), which
#     is the standard deviation for normal noise; the gate's rank test is about as robust);
#   - the same for pairs made across turns (launch i against launch j of the other side): if the machine's slow phases
#     hit both sides of a turn alike, pairing by turn would make the first much smaller than the second;
#   - how many pairs a test on process medians needs to prove a +10% change past the rule's +5% margin (half the FAIL
#     budget) at the gate's p < 0.01 in 90% of runs, with the robust spread: n = ((z(0.99) + z(0.90)) * sd /
#     (ln 1.10 - ln 1.05))^2, rounded up (a z-test with the spread known: for normal noise no test on n pairs does
#     better, and one that must estimate the spread does worse); and
#     the same for +5% reported (past +2.5%, half the WARN budget).
# Every process is one measurement of a benchmark whose noise lives between processes (docs/evaluation.md), so no rule
# working on these launches needs many fewer than n; more iterations inside a process do not reduce it.
# An analysis for docs/evaluation.md ("What the +10% target needs"), from the trials' BenchmarkDotNet JSON.
import glob, json, math, os, statistics, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from launches import launch_medians, rounds  # the same reading of the trials as the other analyses

Z = statistics.NormalDist().inv_cdf
NEEDED_Z = Z(0.99) + Z(0.90)
# The log distance between the change a target names and the margin the rule must prove it past: +10% as FAIL (past
# half the 10% FAIL budget) and +5% reported (as a WARN at least: past half the 5% WARN budget). The built-in budgets.
FAIL_GAP = math.log(1.10) - math.log(1.05)
WARN_GAP = math.log(1.05) - math.log(1.025)


def neighbour(level):
    return "busy" if "busy" in level else "slower" if "slower" in level else "none"


def main(folders, pooled_as=None):
    # (folder, neighbour, benchmark) -> [sum of squares, degrees of freedom, pairs, cross pairs' sum of squares and
    # degrees of freedom, differences between two turn pairs of a round]
    groups = {}
    for folder in folders:
        for trial in sorted(glob.glob(os.path.join(folder, "trials", "ab-*"))):
            level = os.path.basename(trial).rsplit("-", 1)[0]
            for _, current_dir, base_dir in rounds(trial):
                current = launch_medians(os.path.join(trial, current_dir))
                base = launch_medians(os.path.join(trial, base_dir))
                for name, this_side in current.items():
                    other = base.get(name)
                    n = min(len(this_side), len(other or []))
                    if n < 2:
                        continue
                    turn = [math.log(this_side[i] / other[i]) for i in range(n)]
                    cross = [math.log(this_side[i] / other[(i + 1) % n]) for i in range(n)]
                    key = (pooled_as or os.path.basename(os.path.normpath(folder)), neighbour(level), name.split(".", 1)[1])
                    g = groups.setdefault(key, [0.0, 0, 0, 0.0, 0, []])
                    for values, at in ((turn, 0), (cross, 3)):
                        mean = statistics.fmean(values)
                        g[at] += sum((v - mean) ** 2 for v in values)
                        g[at + 1] += n - 1
                    g[2] += n
                    g[5].extend(abs(turn[i] - turn[j]) for i in range(n) for j in range(i + 1, n))

    print("| trials | neighbour | benchmark | pairs | spread of a pair, same turn (sd) | across turns (sd) | robust spread, same turn | pairs +10% as FAIL needs | pairs +5% reported needs |")
    print("|---|---|---|---|---|---|---|---|---|")
    for (folder, near, benchmark), (ss, df, pairs, cross_ss, cross_df, differences) in sorted(groups.items()):
        sd = math.sqrt(ss / df)
        cross_sd = math.sqrt(cross_ss / cross_df)
        robust = statistics.median(differences) / (Z(0.75) * math.sqrt(2))
        needed = math.ceil((NEEDED_Z * robust / FAIL_GAP) ** 2)
        needed_warn = math.ceil((NEEDED_Z * robust / WARN_GAP) ** 2)
        print(f"| {folder} | {near} | {benchmark} | {pairs} | {sd * 100:.1f}% | {cross_sd * 100:.1f}% | {robust * 100:.1f}% | {needed} | {needed_warn} |")


if __name__ == "__main__":
    arguments = sys.argv[1:]
    pooled_as = None
    if arguments[:1] == ["--as"] and len(arguments) >= 2:
        pooled_as, arguments = arguments[1], arguments[2:]
    if not arguments:
        sys.exit("usage: eng/evaluation/processes-needed.py [--as NAME] <eng/evaluate.sh output folder>...")
    main(arguments, pooled_as)
