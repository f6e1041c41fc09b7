#!/usr/bin/env bash
# Runs every test: unit tests of the core, task tests, and end-to-end tests that pack the package and run real
# `dotnet build -p:PerfGate=true` with real BenchmarkDotNet runs. Ends with one line "N passed, N failed".
set -uo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
results="$repo/artifacts/test-results"
rm -rf "$results"
dotnet test "$repo/PerfGate.Sdk.sln" -c Release -tl:off -nologo --logger "trx" --results-directory "$results" "$@"
status=$?
# Sum the TRX counters of every test assembly into the one closing line CI reads.
python3 - "$results" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
passed = failed = skipped = 0
for trx in glob.glob(sys.argv[1] + "/*.trx"):
    counters = ET.parse(trx).getroot().find(".//{*}Counters")
    passed += int(counters.get("passed", 0))
    failed += int(counters.get("failed", 0)) + int(counters.get("error", 0)) + int(counters.get("timeout", 0))
    skipped += int(counters.get("notExecuted", 0))
print(f"{passed} passed, {failed} failed, {skipped} skipped")
PY
exit $status
