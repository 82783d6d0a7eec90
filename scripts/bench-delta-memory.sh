#!/usr/bin/env bash
# bench-delta-memory.sh OLD1 NEW1 [OLD2 NEW2 ...] - does the decoder's memory grow with the image?
#
# For each image pair (e.g. the make-images.sh pair built with SIZE_A=256M, 512M and 1G) it makes our
# delta and full-image payloads (hostapp-delta diff / full), then applies each REPEAT times (default 3)
# under /usr/bin/time -v and prints the largest peak RSS of the whole JVM process (the launcher's
# device settings, see scripts/hostapp-delta), the median wall time and the payload sizes. The last
# line compares the largest image with the smallest: peak RSS growth in percent. Outputs are checked
# against NEW's SHA-256.
#
# Env: BENCH_WORK (scratch directory, default a new one under /var/tmp), HOSTAPP_DELTA (launcher),
#      REPEAT, KEEP=1 keeps the scratch directory.
set -euo pipefail
[ $# -ge 2 ] && [ $(( $# % 2 )) -eq 0 ] || { echo "usage: $0 OLD1 NEW1 [OLD2 NEW2 ...]" >&2; exit 64; }
here=$(cd "$(dirname "$0")" && pwd)
HD=${HOSTAPP_DELTA:-$here/hostapp-delta}
REPEAT=${REPEAT:-3}
command -v /usr/bin/time >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y time >/dev/null
if [ ! -f "$here/../delta/target/hostapp-delta.jar" ] && [ -z "${HOSTAPP_DELTA_JAR:-}" ]; then
  (cd "$here/.." && mvn -q -pl delta -am package -DskipTests)
fi
W=${BENCH_WORK:-$(mktemp -d /var/tmp/bench-delta-memory.XXXXXX)}
mkdir -p "$W"
[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$W"' EXIT

# run_apply OLD PAYLOAD NEWSHA : prints "maxrss_kib median_wall"
run_apply() {
  local old=$1 payload=$2 sha=$3 i rss=0 walls=()
  # one untimed run first: the launcher writes its class-data archive on its first run (jvm-cds.sh)
  rm -f "$W/o" "$W/o.checkpoint"
  "$HD" patch "$old" "$payload" "$W/o" >/dev/null 2>&1 || true
  for ((i = 1; i <= REPEAT; i++)); do
    rm -f "$W/o" "$W/o.checkpoint"; sync
    /usr/bin/time -v -o "$W/tv" "$HD" patch "$old" "$payload" "$W/o" >"$W/out" 2>&1 \
      || { cat "$W/out" >&2; exit 1; }
    [ "$(sha256sum "$W/o" | cut -d' ' -f1)" = "$sha" ] || { echo "output differs from NEW" >&2; exit 1; }
    local r; r=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$W/tv")
    [ "$r" -gt "$rss" ] && rss=$r
    walls+=("$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; printf "%.2f", s }' "$W/tv")")
  done
  echo "$rss $(printf '%s\n' "${walls[@]}" | sort -g | sed -n "$(( (REPEAT + 1) / 2 ))p")"
}

echo "| image | image bytes | delta bytes | delta apply peak RSS | delta apply wall | full payload bytes | full apply peak RSS | full apply wall |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
first_d=""; first_f=""; last_d=""; last_f=""
while [ $# -gt 0 ]; do
  old=$(readlink -f "$1"); new=$(readlink -f "$2"); shift 2
  sha=$(sha256sum "$new" | cut -d' ' -f1)
  "$HD" diff "$old" "$new" "$W/d" >/dev/null
  "$HD" full "$new" "$W/f" >/dev/null
  read -r d_rss d_wall < <(run_apply "$old" "$W/d" "$sha")
  read -r f_rss f_wall < <(run_apply - "$W/f" "$sha")
  printf '| %s | %s | %s | %s MiB | %s s | %s | %s MiB | %s s |\n' "$new" "$(stat -c %s "$new")" \
    "$(stat -c %s "$W/d")" "$(( d_rss / 1024 ))" "$d_wall" "$(stat -c %s "$W/f")" "$(( f_rss / 1024 ))" "$f_wall"
  [ -n "$first_d" ] || { first_d=$d_rss; first_f=$f_rss; }
  last_d=$d_rss; last_f=$f_rss
done
awk -v a="$first_d" -v b="$last_d" -v c="$first_f" -v d="$last_f" 'BEGIN {
  printf "\nPeak RSS growth from the first image to the last: delta apply %+.1f%%, full-image apply %+.1f%%\n",
    (b - a) * 100 / a, (d - c) * 100 / c }'
