#!/usr/bin/env bash
# Measures how far PerfGate's verdicts can be trusted on this machine: runs the real gate (the packed package, real
# `dotnet build -p:PerfGate=true`) on eng/evaluation/EvaluationBenchmarks again and again, unchanged (A/A) and with
# injected regressions, with and without a busy loop on the other core, against the committed baseline and in A/B mode
# against a base git commit; then scores PerfGate and two usual alternatives (github-action-benchmark's ratio of means,
# dotnet/performance ResultsComparer's Mann-Whitney test) on the same data.
#
#   eng/evaluate.sh [--trials N] [--out DIR] [--job perfgate|default|fast] [--levels a,b,...] [--env NAME=VALUE...] [--record-noise one-core|two-cores] [--merge DIR...]
#
#   --trials N   trials per level (default 20)
#   --out DIR    where trials, summary.json and evaluation.md go (default artifacts/evaluation)
#   --job        perfgate: PerfGate's default job (3 launches of 5 iterations), as users run the gate;
#                default: BenchmarkDotNet's default job; fast: 15 iterations of 100 ms after 6 warm-ups in one process
#   --levels     only these levels (comma-separated; default all, in the order below), so a long evaluation can be split
#   --env NAME=VALUE  an environment variable for every gated build and the benchmark processes it starts (repeatable;
#                recorded in env.txt), e.g. DOTNET_TieredPGO=0 to measure the gate without dynamic PGO
#   --record-noise one-core|two-cores  record the baseline in a noisy phase on purpose, so its processes land apart (PG0061
#                at recording), as a baseline recorded in a bad minute of a shared machine would; the trials run without it.
#                one-core: the recording pinned to the first core beside a busy loop at nice 5 that comes and goes every 1-3 s
#                (on this VM the pinned recording measured 1.2-4.4x the trials' times, its processes 114-221% apart);
#                two-cores: the recording unpinned, beside such a loop at normal priority on each core
#   --merge DIR  also score the trials of an earlier run of the same job (repeatable): the parts of a split evaluation
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
trials=20
out="$repo/artifacts/evaluation"
job=perfgate
only=""
merge=()
extra_env=()
record_noise=""
usage="usage: eng/evaluate.sh [--trials N] [--out DIR] [--job perfgate|default|fast] [--levels a,b,...] [--env NAME=VALUE...] [--record-noise one-core|two-cores] [--merge DIR...]"
while [ $# -gt 0 ]; do
  case "$1" in
    --trials) trials="$2"; shift 2 ;;
    --out) out="$(mkdir -p "$2" && cd "$2" && pwd)"; shift 2 ;;
    --job) job="$2"; shift 2 ;;
    --levels) only=",$2,"; shift 2 ;;
    --merge) merge+=("$(cd "$2" && pwd)"); shift 2 ;;
    --record-noise)
      [[ "${2:-}" =~ ^(one-core|two-cores)$ ]] || { echo "--record-noise takes one-core or two-cores, not '${2:-}'" >&2; exit 2; }
      record_noise="$2"; shift 2 ;;
    --env)
      [[ "$2" =~ ^[A-Za-z_][A-Za-z0-9_]*=.*$ ]] || { echo "--env takes NAME=VALUE, not '$2'" >&2; exit 2; }
      extra_env+=("$2"); shift 2 ;;
    *) echo "$usage" >&2; exit 2 ;;
  esac
done
case "$job" in
  perfgate|default) job_args=(-p:PerfGateJob="$job") ;;
  fast) job_args=(-p:PerfGateJob=default -p:PerfGateIterationCount=15 -p:PerfGateWarmupCount=6 -p:PerfGateIterationTimeMs=100) ;;
  *) echo "--job is perfgate, default or fast" >&2; exit 2 ;;
esac

# level name | work percent | extra allocation | neighbour (no, busy: a loop on the other core, slower: a loop sharing the
# benchmarks' core, as on a slower machine) | mode (ab: PerfGateCompareWith the base commit, the work compiled in) | extra gate arguments
levels=(
  "aa|0|0|no||"
  "aa-busy|0|0|busy||"
  "work5|5|0|no||"
  "work10|10|0|no||"
  "work10-busy|10|0|busy||"
  "work20|20|0|no||"
  "alloc|0|1|no||"
  "work20-otherjob|20|0|no||-p:PerfGateIterationCount=7"
  "ab-aa|0|0|no|ab|"
  "ab-work5|5|0|no|ab|"
  "ab-work10|10|0|no|ab|"
  "ab-work20|20|0|no|ab|"
  "ab-aa-busy|0|0|busy|ab|"
  "ab-work10-busy|10|0|busy|ab|"
  "aa-slower|0|0|slower||"
  "ab-aa-slower|0|0|slower|ab|"
)

echo "PerfGate evaluation: $trials trial(s) per level, job '$job', into $out"
rm -rf "$out/trials"
mkdir -p "$out/trials"
echo "$job" > "$out/job.txt"
printf '%s\n' "${extra_env[@]}" > "$out/env.txt"
source "$repo/eng/evaluation/work-copy.sh"
make_work_copy "$out"

gate() { # gate LOGFILE [extra dotnet build arguments...]
  local log="$1"; shift
  env "${extra_env[@]}" $pin dotnet build "$project/EvaluationBenchmarks.csproj" -c Release -tl:off -nodeReuse:false -p:PerfGate=true -p:PerfGateForce=true \
    "${job_args[@]}" "$@" >"$log" 2>&1
}
pin=""

noise_pids=()
stop_noise() { for p in "${noise_pids[@]}"; do kill -- "-$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; noise_pids=(); }
# A busy loop on one core that runs and rests for 1-3 s at a time, so each recording process meets another share of it.
# Its own session, so stopping it stops its sleep too.
noise_loop() { # noise_loop CORE NICENESS
  setsid taskset -c "$1" nice -n "$2" bash -c 'while :; do end=$((SECONDS + RANDOM % 3 + 1)); while [ $SECONDS -lt $end ]; do :; done; sleep $((RANDOM % 3 + 1)); done' &
  noise_pids+=($!)
}
echo "recording the baseline"
echo "${record_noise:-none}" > "$out/record-noise.txt"
trap stop_noise EXIT
if [ "$record_noise" = one-core ]; then
  # At nice 5 the loop takes about a quarter of the core while it runs; the recording shares that core with it.
  noise_loop 0 5
  pin="taskset -c 0"
elif [ "$record_noise" = two-cores ]; then
  noise_loop 0 0
  noise_loop 1 0
fi
set +e
gate "$out/work/record.log" -p:PerfGateUpdateBaseline=true
recorded=$?
set -e
stop_noise
pin=""
[ "$recorded" = 0 ] || { tail -30 "$out/work/record.log"; exit 1; }
cp "$project/perfgate.baseline.json" "$out/baseline.json"

# The A/B levels need history: the work copy (with its nuget.config) becomes a repository whose first commit is the base.
git_() { git -C "$out/work" -c user.name=PerfGate-evaluation -c user.email=evaluation@perfgate.invalid -c commit.gpgsign=false "$@"; }
printf 'bin/\nobj/\n*.log\n' > "$out/work/.gitignore"
git_ init -q && git_ add -A && git_ commit -q -m base && git_ tag eval-base

busy_pid=""
stop_busy() { if [ -n "$busy_pid" ]; then kill "$busy_pid" 2>/dev/null || true; wait "$busy_pid" 2>/dev/null || true; busy_pid=""; fi; }
trap 'stop_busy; stop_noise' EXIT

for entry in "${levels[@]}"; do
  IFS='|' read -r level work alloc neighbour mode extra <<<"$entry"
  if [ -n "$only" ] && [[ "$only" != *",$level,"* ]]; then continue; fi
  ab_args=()
  env_work="$work"
  git_ checkout -q -f eval-base
  if [ "$mode" = ab ]; then
    # This build is a commit on top of the base that compiles the extra work in; the base build has none.
    git_ checkout -q -B "level-$level" eval-base
    if [ "$work" != 0 ]; then
      sed -i "s/WorkPercent = 0;/WorkPercent = $work;/" "$project/CompiledKnobs.cs"
      git_ commit -q -a -m "+$work% work"
    fi
    ab_args=(-p:PerfGateCompareWith=eval-base)
    env_work=0
  elif [ "$work" != 0 ]; then
    # Against the committed baseline, the extra work is an uncommitted change in the working tree, as a developer's
    # would be: the check against the baseline's commit (eval-base) builds that commit without it.
    sed -i "s/WorkPercent = 0;/WorkPercent = $work;/" "$project/CompiledKnobs.cs"
    env_work=0
  fi
  for i in $(seq 1 "$trials"); do
    dir="$out/trials/$level-$i"
    mkdir -p "$dir"
    pin=""
    if [ "$neighbour" = busy ]; then
      # A noisy neighbour: a busy loop pinned to the second core for the whole trial.
      taskset -c 1 bash -c 'while :; do :; done' &
      busy_pid=$!
    elif [ "$neighbour" = slower ]; then
      # A slower machine than the baseline's: the build and its benchmarks share the first core with a busy loop.
      taskset -c 0 bash -c 'while :; do :; done' &
      busy_pid=$!
      pin="taskset -c 0"
    fi
    start=$(date +%s.%N)
    set +e
    PERFGATE_EVAL_WORK_PERCENT="$env_work" PERFGATE_EVAL_EXTRA_ALLOCATION="$alloc" gate "$dir/build.log" "${ab_args[@]}" $extra
    code=$?
    set -e
    end=$(date +%s.%N)
    stop_busy
    work_dir="$project/obj/Release/net10.0/perfgate"
    cp "$work_dir/report.json" "$dir/report.json" 2>/dev/null || true
    mkdir -p "$dir/results"
    cp "$work_dir"/artifacts/results/*-report-full.json "$dir/results/" 2>/dev/null || true
    if [ "$mode" = ab ]; then
      mkdir -p "$dir/results-base"
      cp "$work_dir"/artifacts-base/results/*-report-full.json "$dir/results-base/" 2>/dev/null || true
    fi
    # Against the committed baseline, a check against the baseline's commit keeps its own A/B run and rounds.
    if [ -d "$work_dir/baseline-commit-check" ]; then
      mkdir -p "$dir/baseline-commit-check"
      (cd "$work_dir/baseline-commit-check" && find . -name '*-report-full.json' -o -name order | while read -r f; do
        mkdir -p "$dir/baseline-commit-check/$(dirname "$f")" && cp "$f" "$dir/baseline-commit-check/$f"; done)
    fi
    # In A/B mode, the order the two builds' launches ran in (and when), per round.
    for turns in "$work_dir"/turns*; do
      [ -f "$turns/order" ] && cp "$turns/order" "$dir/$(basename "$turns").order"
    done
    # The confirmation rounds' measurements (both sides in A/B mode), so a confirmed or dismissed finding can be traced.
    for round in "$work_dir"/artifacts-confirmation-* "$work_dir"/artifacts-base-confirmation-*; do
      [ -d "$round" ] || continue
      mkdir -p "$dir/$(basename "$round")"
      cp "$round"/results/*-report-full.json "$dir/$(basename "$round")/" 2>/dev/null || true
    done
    printf '{"level":"%s","index":%d,"workPercent":%d,"extraAllocation":%s,"busy":%s,"exitCode":%d,"seconds":%s}\n' \
      "$level" "$i" "$work" "$([ "$alloc" = 1 ] && echo true || echo false)" "$([ "$neighbour" = no ] && echo false || echo true)" \
      "$code" "$(awk "BEGIN { printf \"%.1f\", $end - $start }")" > "$dir/trial.json"
    echo "  $level #$i: exit $code ($(awk "BEGIN { printf \"%.0f\", $end - $start }") s)"
  done
done
git_ checkout -q -f eval-base

dotnet run --project "$repo/eng/evaluation/PerfGate.Evaluation" -c Release -- "$out" "${merge[@]}"
echo "wrote $out/summary.json and $out/evaluation.md"
# The whole run's wall time (packing, baseline, trials, scoring), the figure docs/evaluation.md quotes per run.
echo "evaluation took $((SECONDS / 60)) min"
