#!/usr/bin/env bash
# Sourced by eng/evaluate.sh and eng/measure-cost.sh: packs PerfGate.Sdk from this repo and makes a copy of
# EvaluationBenchmarks under OUT/work that restores that package (and nothing cached from an earlier pack).
# Sets: project (the copy's folder), NUGET_PACKAGES, and quiet, node-reuse-free dotnet settings.

make_work_copy() { # make_work_copy OUT
  local out="$1"
  rm -rf "$out/work"
  mkdir -p "$out/work"
  "$repo/eng/pack.sh" >/dev/null
  export NUGET_PACKAGES="$out/nuget-cache"
  rm -rf "$NUGET_PACKAGES/perfgate.sdk"
  export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1

  project="$out/work/EvaluationBenchmarks"
  cp -r "$repo/eng/evaluation/EvaluationBenchmarks" "$project"
  cat > "$out/work/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="perfgate-from-this-repo" value="$repo/artifacts/packages" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
  </packageSources>
</configuration>
XML
}
