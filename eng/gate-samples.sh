#!/usr/bin/env bash
# The main job: packs PerfGate.Sdk from this repo and gates the sample benchmarks with it, as a user's CI would.
#   eng/gate-samples.sh                                  gate against samples/SampleBenchmarks/perfgate.baseline.json
#   eng/gate-samples.sh -p:PerfGateUpdateBaseline=true   re-record that baseline
# Extra arguments go to `dotnet build`. Exit code: 0 for PASS or WARN, 1 for FAIL or BLOCK.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
"$repo/eng/pack.sh" >/dev/null
# A private package cache, emptied of PerfGate.Sdk, so the package just packed is the one restored.
export NUGET_PACKAGES="$repo/artifacts/nuget-cache"
rm -rf "$NUGET_PACKAGES/perfgate.sdk"
dotnet build "$repo/samples/SampleBenchmarks/SampleBenchmarks.csproj" -c Release -p:PerfGate=true -p:PerfGateForce=true -tl:off -nologo "$@"
