#!/usr/bin/env bash
# crash-points.sh - runs the power-cut test alone: every durable write, fsync and rename of every update
# scenario is cut in turn (updater/src/test/.../storage/PowerCutStorage.java), the device then boots as often
# as it takes, and the result is checked. Prints, per scenario and in total:
#   crash-points: scenario=NAME explored=N failed=F
#   crash-points: total explored=N failed=F
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
mvn -B -q -ntp install -DskipTests -pl updater -am
mvn -B -ntp verify -pl tests -Dtest=CrashPointTest -Dsurefire.failIfNoSpecifiedTests=false \
  | grep -E '^crash-points:|Tests run:|FAIL'
