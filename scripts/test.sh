#!/usr/bin/env bash
# test.sh - the whole test suite: unit tests of every module, then the end-to-end and interop suites
# (real fw_printenv/fw_setenv, the real CLI processes). Installs missing Debian packages first.
#   scripts/test.sh                 everything (what CI runs)
#   scripts/test.sh -Dgroups='!interop'   only the suites that need no external tool
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
"$repo/scripts/install-deps.sh"
cd "$repo"
exec mvn -B -ntp verify "$@"
