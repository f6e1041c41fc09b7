#!/usr/bin/env bash
# Measures how far PerfGate's verdicts can be trusted on this machine: runs the real gate (the packed package, real
# `dotnet build -p:PerfGate=true`) on eng/evaluation/EvaluationBenchmarks again and again, unchanged (A/A) and with
# injected regressions, with and without a busy loop on the other core; then scores PerfGate and two usual alternatives
# (github-action-benchmark's ratio of means, dotnet/performance ResultsComparer's Mann-Whitney test) on the same data.
#
#   eng/evaluate.sh [--trials N] [--out DIR] [--job default|fast]
#
#   --trials N   trials per level (default 20)
#   --out DIR    where trials, summary.json and evaluation.md go (default artifacts/evaluation)
#   --job        default: BenchmarkDotNet's default job, as users run the gate (slower; see eng/measure-cost.sh);
#                fast: 15 iterations of 100 ms after 6 warm-ups (18-55 s a trial here, docs/evaluation.md)
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
trials=20
out="$repo/artifacts/evaluation"
job=default
while [ $# -gt 0 ]; do
  case "$1" in
    --trials) trials="$2"; shift 2 ;;
    --out) out="$(mkdir -p "$2" && cd "$2" && pwd)"; shift 2 ;;
    --job) job="$2"; shift 2 ;;
    *) echo "usage: eng/evaluate.sh [--trials N] [--out DIR] [--job default|fast]" >&2; exit 2 ;;
  esac
done
case "$job" in
  default) job_args=() ;;
  fast) job_args=(-p:PerfGateIterationCount=15 -p:PerfGateWarmupCount=6 -p:PerfGateIterationTimeMs=100) ;;
  *) echo "--job is default or fast" >&2; exit 2 ;;
esac

# level name | work percent | extra allocation | busy neighbour | extra gate arguments
levels=(
  "aa|0|0|no|"
  "aa-busy|0|0|yes|"
  "work5|5|0|no|"
  "work10|10|0|no|"
  "work10-busy|10|0|yes|"
  "work20|20|0|no|"
  "alloc|0|1|no|"
  "work20-otherjob|20|0|no|-p:PerfGateIterationCount=7"
)

echo "PerfGate evaluation: $trials trial(s) per level, job '$job', into $out"
rm -rf "$out/trials"
mkdir -p "$out/trials"
source "$repo/eng/evaluation/work-copy.sh"
make_work_copy "$out"

gate() { # gate LOGFILE [extra dotnet build arguments...]
  local log="$1"; shift
  dotnet build "$project/EvaluationBenchmarks.csproj" -c Release -tl:off -nodeReuse:false -p:PerfGate=true -p:PerfGateForce=true \
    "${job_args[@]}" "$@" >"$log" 2>&1
}

echo "recording the baseline"
gate "$out/work/record.log" -p:PerfGateUpdateBaseline=true || { tail -30 "$out/work/record.log"; exit 1; }
cp "$project/perfgate.baseline.json" "$out/baseline.json"

busy_pid=""
stop_busy() { if [ -n "$busy_pid" ]; then kill "$busy_pid" 2>/dev/null || true; wait "$busy_pid" 2>/dev/null || true; busy_pid=""; fi; }
trap stop_busy EXIT

for entry in "${levels[@]}"; do
  IFS='|' read -r level work alloc busy extra <<<"$entry"
  for i in $(seq 1 "$trials"); do
    dir="$out/trials/$level-$i"
    mkdir -p "$dir"
    if [ "$busy" = yes ]; then
      # A noisy neighbour: a busy loop pinned to the second core for the whole trial.
      taskset -c 1 bash -c 'while :; do :; done' &
      busy_pid=$!
    fi
    start=$(date +%s.%N)
    set +e
    PERFGATE_EVAL_WORK_PERCENT="$work" PERFGATE_EVAL_EXTRA_ALLOCATION="$alloc" gate "$dir/build.log" $extra
    code=$?
    set -e
    end=$(date +%s.%N)
    stop_busy
    work_dir="$project/obj/Release/net10.0/perfgate"
    cp "$work_dir/report.json" "$dir/report.json" 2>/dev/null || true
    mkdir -p "$dir/results"
    cp "$work_dir"/artifacts/results/*-report-full.json "$dir/results/" 2>/dev/null || true
    # The confirmation runs' measurements and logs, so a confirmed or dismissed finding can be traced.
    for round in "$work_dir"/artifacts-confirmation-*; do
      [ -d "$round" ] || continue
      mkdir -p "$dir/$(basename "$round")"
      cp "$round"/results/*-report-full.json "$dir/$(basename "$round")/" 2>/dev/null || true
    done
    printf '{"level":"%s","index":%d,"workPercent":%d,"extraAllocation":%s,"busy":%s,"exitCode":%d,"seconds":%s}\n' \
      "$level" "$i" "$work" "$([ "$alloc" = 1 ] && echo true || echo false)" "$([ "$busy" = yes ] && echo true || echo false)" \
      "$code" "$(awk "BEGIN { printf \"%.1f\", $end - $start }")" > "$dir/trial.json"
    echo "  $level #$i: exit $code"
  done
done

dotnet run --project "$repo/eng/evaluation/PerfGate.Evaluation" -c Release -- "$out" "$job"
echo "wrote $out/summary.json and $out/evaluation.md"
# The whole run's wall time (packing, baseline, trials, scoring), the figure docs/evaluation.md quotes per run.
echo "evaluation took $((SECONDS / 60)) min"
