#!/usr/bin/env bash
# test.sh - the whole test suite: unit tests of every module, then the end-to-end and interop suites
# (real fw_printenv/fw_setenv, the real CLI processes), then every fuzz target in fuzzing mode for
# FUZZ_SECONDS (default 20) seconds each (tests/README.md, "Fuzzing"). Installs missing Debian packages first.
#   scripts/test.sh                 everything (what CI runs)
#   scripts/test.sh -Dgroups='!interop'   only the suites that need no external tool
#   FUZZ_SECONDS=0 scripts/test.sh  no fuzzing (the fuzz targets still replay their regression inputs)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
"$repo/scripts/install-deps.sh"
cd "$repo"
fuzz=()
if ! [[ "${FUZZ_SECONDS:-20}" =~ ^[0-9]+$ ]]; then
  echo "test.sh: FUZZ_SECONDS must be a whole number of seconds per fuzz target (0: no fuzzing)" >&2
  exit 2
fi
if [[ "${FUZZ_SECONDS:-20}" != 0 ]]; then
  fuzz=(-DfuzzSeconds="${FUZZ_SECONDS:-20}")
fi
exec mvn -B -ntp verify "${fuzz[@]}" "$@"
