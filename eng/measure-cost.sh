#!/usr/bin/env bash
# What the gate costs in benchmark time, side by side with BenchmarkDotNet alone: runs the benchmarks of
# eng/evaluation/EvaluationBenchmarks with BenchmarkDotNet's default job as a user would run them
# (`dotnet run -c Release -- --filter '*'`), then gates the same project with the packed PerfGate.Sdk
# (`dotnet build -c Release -p:PerfGate=true`, PerfGate's default job), then gates it in A/B mode against a base commit
# of the same code (`-p:PerfGateCompareWith=...`: both builds measured), and reports the benchmark time BenchmarkDotNet
# printed for each ("Run time: ..." lines, summed) and the wall time of each command.
#
#   eng/measure-cost.sh [--out DIR] [--runs N]
#
#   --out DIR    where the logs and cost.md go (default artifacts/cost)
#   --runs N     how many times each side is measured, alternating (default 2)
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
out="$repo/artifacts/cost"
runs=2
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out="$(mkdir -p "$2" && cd "$2" && pwd)"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    *) echo "usage: eng/measure-cost.sh [--out DIR] [--runs N]" >&2; exit 2 ;;
  esac
done

source "$repo/eng/evaluation/work-copy.sh"
make_work_copy "$out"

# Build once without timing, so that neither side pays for the first compile.
dotnet build "$project/EvaluationBenchmarks.csproj" -c Release -tl:off -nodeReuse:false >"$out/build.log" 2>&1 \
  || { tail -30 "$out/build.log"; exit 1; }
echo "recording a baseline with PerfGate's default job (not timed)"
dotnet build "$project/EvaluationBenchmarks.csproj" -c Release -tl:off -nodeReuse:false -p:PerfGate=true -p:PerfGateUpdateBaseline=true \
  >"$out/record.log" 2>&1 || { tail -30 "$out/record.log"; exit 1; }
# A/B needs a base commit: the work copy becomes a repository of one commit, the base of the same code.
printf 'bin/\nobj/\n*.log\n' > "$out/work/.gitignore"
git -C "$out/work" init -q && git -C "$out/work" add -A \
  && git -C "$out/work" -c user.name=PerfGate-cost -c user.email=cost@perfgate.invalid -c commit.gpgsign=false commit -q -m base

# Sum of BenchmarkDotNet's "Run time: 00:00:41 (41.2 sec), executed benchmarks: 2" lines in the given logs.
benchmark_seconds() { cat "$@" 2>/dev/null | sed -n 's/^Run time: .*(\([0-9.]*\) sec).*/\1/p' | awk '{ s += $1 } END { printf "%.1f", s }'; }
# A/B runs both builds' benchmarks at once (on Linux by default side by side on one CPU, elsewhere or with
# PerfGateAbSchedule=turns taking turns), so each side's "Run time" includes the other side's share of the CPU or its
# waits for the other's launches: the round's benchmark time is the longer side's, not the sum. Summed over the first
# round and the confirmation rounds.
ab_benchmark_seconds() { # ab_benchmark_seconds LOG_FOLDER
  local total=0 side_current side_base round
  for round in "" $(find "$1" -maxdepth 1 -name 'benchmarks-confirmation-*.log' | sed 's/.*benchmarks-confirmation-\([0-9]*\)\.log/-confirmation-\1/'); do
    side_current=$(benchmark_seconds "$1/benchmarks$round.log")
    side_base=$(benchmark_seconds "$1/benchmarks-base$round.log")
    total=$(awk "BEGIN { a = $side_current; b = $side_base; printf \"%.1f\", $total + (a > b ? a : b) }")
  done
  echo "$total"
}
now() { date +%s.%N; }
elapsed() { awk "BEGIN { printf \"%.1f\", $2 - $1 }"; }

rows=()
for i in $(seq 1 "$runs"); do
  echo "run $i: BenchmarkDotNet alone"
  start=$(now)
  (cd "$project" && dotnet run -c Release --no-build -- --filter '*') >"$out/bdn-$i.log" 2>&1
  end=$(now)
  rows+=("| BenchmarkDotNet alone, \`dotnet run -c Release -- --filter '*'\` | $i | $(benchmark_seconds "$out/bdn-$i.log") s | $(elapsed "$start" "$end") s |")

  echo "run $i: PerfGate"
  start=$(now)
  set +e
  dotnet build "$project/EvaluationBenchmarks.csproj" -c Release -tl:off -nodeReuse:false -p:PerfGate=true -p:PerfGateForce=true >"$out/gate-$i.log" 2>&1
  code=$?
  set -e
  end=$(now)
  logs="$project/obj/Release/net10.0/perfgate"
  cp "$logs/benchmarks.log" "$out/gate-$i-benchmarks.log"
  confirmations=$(find "$logs" -maxdepth 1 -name 'benchmarks-confirmation-*.log' | wc -l)
  rows+=("| PerfGate, \`dotnet build -c Release -p:PerfGate=true\` (exit $code, $confirmations confirmation run(s)) | $i | $(benchmark_seconds "$logs"/benchmarks*.log) s | $(elapsed "$start" "$end") s |")

  echo "run $i: PerfGate A/B"
  start=$(now)
  set +e
  dotnet build "$project/EvaluationBenchmarks.csproj" -c Release -tl:off -nodeReuse:false -p:PerfGate=true -p:PerfGateForce=true \
    -p:PerfGateCompareWith=HEAD >"$out/ab-$i.log" 2>&1
  code=$?
  set -e
  end=$(now)
  cp "$logs/benchmarks.log" "$out/ab-$i-benchmarks.log"
  cp "$logs/benchmarks-base.log" "$out/ab-$i-benchmarks-base.log"
  confirmations=$(find "$logs" -maxdepth 1 -name 'benchmarks-*confirmation-*.log' | wc -l)
  rows+=("| PerfGate A/B, \`... -p:PerfGateCompareWith=HEAD\` (both builds; exit $code, $confirmations confirmation run(s)) | $i | $(ab_benchmark_seconds "$logs") s | $(elapsed "$start" "$end") s |")
done

{
  echo "# Benchmark time: BenchmarkDotNet's default job alone and through PerfGate"
  echo
  echo "Benchmarks: eng/evaluation/EvaluationBenchmarks (3). BenchmarkDotNet alone: its default job. PerfGate: its default job"
  echo "(3 launches of 5 iterations of 120 ms after 6 warm-ups); A/B measures the base build and this build."
  echo "Benchmark time is what BenchmarkDotNet printed (\"Run time\", summed over its runs; in A/B mode, where both builds run at once"
  echo "(side by side on one CPU, the Linux default, or taking turns), each round counts its longer side); wall time is the whole command."
  echo
  echo "| command | run | benchmark time | wall time |"
  echo "|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
} >"$out/cost.md"
cat "$out/cost.md"
