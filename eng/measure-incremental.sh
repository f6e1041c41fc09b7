#!/usr/bin/env bash
# Measures what the up-to-date check costs and saves, on the library + benchmark layout of the end-to-end tests
# (tests/PerfGate.EndToEnd.Tests/Projects/LibraryLayout, 2 benchmarks) with the package packed from this repo:
#   1. a gated build that records the baseline;            2. a gated build with nothing changed (no-op);
#   3. a plain build in between (what an IDE does);          4. the gated build after it (must be a no-op again);
#   5. a gated build after a change in the referenced library (must rerun the benchmarks).
# Prints the wall time of each, whether the benchmarks ran (benchmarks.log rewritten) and the exit code (step 5 should be
# 1: the library is 4x slower, a FAIL), then step 5's errors.
#   eng/measure-incremental.sh [--keep]    (--keep leaves the temporary copy for inspection)
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
keep="${1:-}"
work="$(mktemp -d -t perfgate-incremental-XXXXXX)"
source "$repo/eng/evaluation/work-copy.sh"
make_work_copy "$work" "$repo/tests/PerfGate.EndToEnd.Tests/Projects/LibraryLayout"
unset CI TF_BUILD
cd "$project"
job=(-p:PerfGateIterationCount=10 -p:PerfGateWarmupCount=6 -p:PerfGateIterationTimeMs=120)
log="Bench/obj/Debug/net10.0/perfgate/benchmarks.log"
dotnet restore Bench/Bench.csproj -tl:off >/dev/null

step() {
  local name="$1"; shift
  local before; before="$(stat -c %Y.%N "$log" 2>/dev/null || echo none)"
  local start; start=$(date +%s.%N)
  local code=0
  dotnet build Bench/Bench.csproj -tl:off -nologo -v:q "$@" > "$work/$name.log" 2>&1 || code=$?
  local end; end=$(date +%s.%N)
  local after; after="$(stat -c %Y.%N "$log" 2>/dev/null || echo none)"
  local ran="no"; [ "$before" != "$after" ] && ran="yes"
  printf "| %-52s | %7s s | %-14s | %4s |\n" "$name" "$(awk -v s="$start" -v e="$end" 'BEGIN{printf "%.1f", e-s}')" "$ran" "$code"
}

echo "| step | wall time | benchmarks ran | exit |"
echo "|---|---|---|---|"
step "1. gated, recording the baseline" -p:PerfGate=true -p:PerfGateUpdateBaseline=true "${job[@]}"
step "2. gated, nothing changed" -p:PerfGate=true "${job[@]}"
step "3. plain build in between" "${job[@]}"
step "4. gated after the plain build" -p:PerfGate=true "${job[@]}"
sed -i 's/Passes = 1;/Passes = 4;/' Lib/Checksum.cs
step "5. gated after a change in the referenced library" -p:PerfGate=true "${job[@]}"
grep -hE "error PG|PerfGate Bench: (PASS|WARN|FAIL|BLOCK)" "$work/5. gated after a change in the referenced library.log" | sed 's/^/    /' | cut -c1-200 || true
echo "load: $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min), $(nproc) cores"
if [ "$keep" = "--keep" ]; then echo "kept: $work"; else rm -rf "$work"; fi
