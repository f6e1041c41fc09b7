#!/usr/bin/env bash
# Replays committed evaluation trials (docs/evaluation-results/...) through `perfgate compare` of this repo and counts how
# often PG0060 ("this run could not have proven a slowdown of the FAIL budget") is given: each trial's first round, this
# build against the base build's run (A/B levels) or against the committed baseline.json (the other levels), with the
# built-in budgets the evaluation uses. Usage: eng/replay-resolution.sh RESULTS_DIR [RESULTS_DIR...]
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
dotnet build "$repo/src/PerfGate.Tool" -c Release -tl:off -nologo -v:q >/dev/null
tool=(dotnet "$repo/src/PerfGate.Tool/bin/Release/net10.0/perfgate.dll")
for root in "$@"; do
  trials=0 noted=0 named=0 compared=0
  for trial in "$root"/trials/*; do
    [ -d "$trial/results" ] || continue
    reference="$root/baseline.json"
    [ -d "$trial/results-base" ] && reference="$trial/results-base"
    out="$("${tool[@]}" compare "$reference" "$trial/results" 2>&1 || true)"
    line="$(grep -o 'PG0060[^:]*: [0-9]* of [0-9]*' <<<"$out" | head -1 || true)"
    trials=$((trials + 1))
    count="$(grep -c '^  [^ -].* | ' <<<"$out" || true)"
    compared=$((compared + count - 1))
    if [ -n "$line" ]; then
      noted=$((noted + 1))
      named=$((named + $(awk '{print $2}' <<<"$line")))
      echo "  $(basename "$trial"): $line ($(grep -o 'smallest provable slowdown +[0-9.]*%\|not even +[0-9]*% provable' <<<"$out" | sed 's/smallest provable slowdown //' | paste -sd, -))"
    fi
  done
  echo "$root: $trials trials, $noted with PG0060; $named of $compared benchmark rows named"
done
