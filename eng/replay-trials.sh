#!/usr/bin/env bash
# Judges committed evaluation trials (docs/evaluation-results/...) again with this repo's rules, from the measurements
# they stored (first round and every confirmation round, both sides in A/B mode), with the built-in budgets; prints per
# level the verdicts and how many PASSes the run itself said it could not have resolved (PG0060), the same verdicts as
# rates with 95% Wilson intervals (per level and for the groups issue 10's targets name), the verdicts per level and
# benchmark, and any verdict that differs from the one the trial recorded. Usage: eng/replay-trials.sh RESULTS_DIR [RESULTS_DIR...]
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
# Quiet when the build succeeds; its errors when it does not (they go to stdout, so a plain >/dev/null would hide them).
if ! build_log="$(dotnet build "$repo/eng/evaluation/PerfGate.Evaluation" -c Release -tl:off -nologo -v:q)"; then
  echo "$build_log" >&2
  exit 1
fi
dotnet "$repo/eng/evaluation/PerfGate.Evaluation/bin/Release/net10.0/PerfGate.Evaluation.dll" --replay "$@"
