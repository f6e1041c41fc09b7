#!/usr/bin/env python3
# Usage: eng/evaluation/cpu-phases.py [--seconds N] [--together]
# Shows how this machine's speed moves over time, CPU by CPU: one process pinned to each CPU times the same small
# dependency chain again and again (about 10 ms a chunk), and the script prints each CPU's median chunk time per half
# second, relative to the fastest half second of all. A slow phase that hits every CPU at once is the machine's; one that
# hits one CPU at a time belongs to that CPU (a neighbour on its sibling hardware thread, say). --together pins two
# processes to the first CPU instead, sharing it, as PerfGateAbSchedule=shared-cpu does, and prints their ratio: how
# closely two sides that share a CPU see the same phases. docs/evaluation.md ("Launches side by side on one CPU") quotes it.
import os, statistics, sys, time
from multiprocessing import Process, Queue

def spin(cpu, seconds, queue):
    os.sched_setaffinity(0, {cpu})
    chunks, end = [], time.time() + seconds
    while time.time() < end:
        start, total = time.perf_counter(), 0
        for i in range(100000):
            total = (total * 31 + i) & 0xFFFFFFFF
        chunks.append((time.time(), time.perf_counter() - start))
    queue.put(chunks)

def halves(chunks):
    by = {}
    for stamp, seconds in chunks:
        by.setdefault(int(stamp * 2), []).append(seconds)
    return {k: statistics.median(v) for k, v in by.items()}

def main():
    seconds = float(sys.argv[sys.argv.index("--seconds") + 1]) if "--seconds" in sys.argv else 30
    together = "--together" in sys.argv
    cpus = sorted(os.sched_getaffinity(0))
    targets = [cpus[0], cpus[0]] if together else cpus
    queue = Queue()
    workers = [Process(target=spin, args=(cpu, seconds, queue)) for cpu in targets]
    for w in workers:
        w.start()
    series = [halves(queue.get()) for _ in workers]
    for w in workers:
        w.join()
    keys = sorted(set.intersection(*(set(s) for s in series)))[1:-1]  # whole half seconds only
    fastest = min(min(s[k] for k in keys) for s in series)
    label = ["side A", "side B"] if together else [f"CPU {c}" for c in targets]
    print("half second | " + " | ".join(label) + (" | A over B" if together else ""))
    for k in keys:
        row = [f"{s[k] / fastest:.2f}" for s in series]
        if together:
            row.append(f"{series[0][k] / series[1][k] - 1:+.1%}")
        print(f"{(k - keys[0]) / 2:5.1f} s | " + " | ".join(row))
    for name, s in zip(label, series):
        values = [s[k] / fastest for k in keys]
        slow = sum(v > 1.15 for v in values)
        print(f"{name}: median {statistics.median(values):.2f}, slowest {max(values):.2f}, {slow} of {len(values)} half seconds more than 15% slow")
    if together:
        ratios = [abs(series[0][k] / series[1][k] - 1) for k in keys]
        print(f"A over B: median distance {statistics.median(ratios):.1%}, largest {max(ratios):.1%}")

if __name__ == "__main__":
    main()
