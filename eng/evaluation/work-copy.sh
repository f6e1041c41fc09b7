#!/usr/bin/env bash
# Sourced by eng/evaluate.sh, eng/measure-cost.sh and eng/measure-incremental.sh: packs PerfGate.Sdk from this repo and
# makes a copy of a project folder (EvaluationBenchmarks unless TEMPLATE is given) under OUT/work that restores that
# package (and nothing cached from an earlier pack). A PERFGATE_TEST_VERSION placeholder in the copy (the end-to-end
# test projects have one) becomes the packed version.
# Sets: project (the copy's folder), NUGET_PACKAGES, and quiet, node-reuse-free dotnet settings.

make_work_copy() { # make_work_copy OUT [TEMPLATE]
  local out="$1" template="${2:-$repo/eng/evaluation/EvaluationBenchmarks}"
  rm -rf "$out/work"
  mkdir -p "$out/work"
  "$repo/eng/pack.sh" >/dev/null
  export NUGET_PACKAGES="$out/nuget-cache"
  rm -rf "$NUGET_PACKAGES/perfgate.sdk"
  export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1

  project="$out/work/$(basename "$template")"
  cp -r "$template" "$project"
  local version
  version="$(sed -n 's|.*<Version>\(.*\)</Version>.*|\1|p' "$repo/Directory.Build.props" | head -1)"
  { grep -rlF PERFGATE_TEST_VERSION "$project" || true; } | while read -r file; do sed -i "s/PERFGATE_TEST_VERSION/$version/g" "$file"; done
  # BenchmarkDotNet looks for the benchmark project under the nearest folder above with a .sln or global.json; an output
  # folder inside this repo would otherwise find the repo's solution and two EvaluationBenchmarks.csproj.
  echo '{}' > "$out/work/global.json"
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
