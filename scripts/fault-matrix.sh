#!/usr/bin/env bash
# fault-matrix.sh - runs the download fault matrix alone: every network/server fault against a real local
# server (WireMock + a raw socket server), through the real install pipeline into a simulated device.
# Prints one line per case:  fault-matrix: case=NAME outcome=installed|clean-failure refetched=BYTES
# and a total:               fault-matrix: total cases=N as-expected=M
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
mvn -B -q -ntp install -DskipTests -pl updater -am
mvn -B -ntp verify -pl tests -Dtest=FaultMatrixTest -Dsurefire.failIfNoSpecifiedTests=false \
  | grep -E '^fault-matrix:|Tests run:|FAIL'
