#!/usr/bin/env bash
# fuzz.sh - coverage-guided fuzzing of the parsers that take hostile bytes (Jazzer; targets in
# tests/src/test/java/io/hostapp/tests/fuzz, documented in tests/README.md "Fuzzing").
#
#   scripts/fuzz.sh                      every target for 10 minutes each
#   scripts/fuzz.sh 1h                   every target for an hour each (s, m, h or plain seconds)
#   scripts/fuzz.sh 30m UbootEnv Payload only these targets (class names, "FuzzTest" may be left off)
#   scripts/fuzz.sh --list               the targets
#
# Each target runs in its own JVM with the regression inputs of tests/src/test/resources/io/hostapp/tests/
# fuzz/<Target>Inputs/<method>/ as seeds; the corpus it grows is kept in tests/target/.cifuzz-corpus
# (a later run continues from it). A crash is copied into that inputs directory as crash-<sha1>, so the
# next `mvn verify` replays it as a regression input (and fails until the parser is fixed). Exits non-zero
# if any target found something.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
fuzzdir=tests/src/test/java/io/hostapp/tests/fuzz
inputs=tests/src/test/resources/io/hostapp/tests/fuzz
all=$(cd "$fuzzdir" && ls *FuzzTest.java | sed 's/\.java$//')

if [[ "${1:-}" == "--list" ]]; then
  echo "$all"
  exit 0
fi
if [[ "${1:-}" == "-h" || "${1:-}" == "--help" ]]; then
  sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'
  exit 0
fi

duration=${1:-10m}
shift || true
case "$duration" in
  *h) seconds=$(( ${duration%h} * 3600 )) ;;
  *m) seconds=$(( ${duration%m} * 60 )) ;;
  *s) seconds=${duration%s} ;;
  *)  seconds=$duration ;;
esac
if ! [[ "$seconds" =~ ^[0-9]+$ ]] || (( seconds < 1 )); then
  echo "fuzz.sh: bad duration '$duration' (e.g. 90, 30s, 10m, 2h)" >&2
  exit 2
fi

targets=()
if (( $# == 0 )); then
  targets=($all)
else
  for t in "$@"; do
    t=${t%FuzzTest}FuzzTest
    if ! grep -qx "$t" <<<"$all"; then
      echo "fuzz.sh: no fuzz target '$t' (scripts/fuzz.sh --list)" >&2
      exit 2
    fi
    targets+=("$t")
  done
fi

echo "fuzz.sh: ${#targets[@]} target(s), ${seconds} s each"
mvn -B -ntp -q install -DskipTests -pl tests -am

found=0
summary=()
for t in "${targets[@]}"; do
  workdir=tests/target
  mkdir -p "$workdir"
  find "$workdir" -maxdepth 1 -name 'crash-*' -delete
  log=tests/target/fuzz-$t.log
  echo "fuzz.sh: $t (log: $log)"
  status=0
  mvn -B -ntp verify -pl tests -Dtest="$t" -Dsurefire.failIfNoSpecifiedTests=false \
    -DfuzzSeconds="$seconds" >"$log" 2>&1 || status=$?
  runs=$(grep -a -E '^Done [0-9]+ runs' "$log" | tail -1 || true)
  crashes=$(find "$workdir" -maxdepth 1 -name 'crash-*' | sort)
  if [[ -n "$crashes" ]]; then
    method=$(grep -A2 '@FuzzTest' "$fuzzdir/$t.java" | grep -oE 'void [a-zA-Z0-9_]+' | head -1 | cut -d' ' -f2)
    dest="$inputs/${t}Inputs/$method"
    mkdir -p "$dest"
    for c in $crashes; do
      cp "$c" "$dest/"
      echo "fuzz.sh: $t: finding kept as $dest/$(basename "$c")"
    done
    grep -a -E '^== Java Exception|^java\.|^Caused by|^	at io\.hostapp' "$log" | head -20 || true
    found=1
    summary+=("$t: FINDING ($runs)")
  elif (( status != 0 )); then
    tail -40 "$log"
    found=1
    summary+=("$t: FAILED (exit $status, see $log)")
  else
    summary+=("$t: ok (${runs:-no run count})")
  fi
done

echo
for s in "${summary[@]}"; do
  echo "fuzz.sh: $s"
done
exit $found
