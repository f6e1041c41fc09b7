#!/usr/bin/env bash
# Packs PerfGate.Sdk from this repo into artifacts/packages/.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
dotnet pack "$repo/PerfGate.Sdk.sln" -c Release -o "$repo/artifacts/packages" -tl:off -nologo "$@"
