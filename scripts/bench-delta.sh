#!/usr/bin/env bash
# bench-delta.sh OLD NEW - our delta encoder/decoder beside xdelta3, zstd --patch-from and bsdiff, in one run.
#
# For the image pair OLD -> NEW it measures, with /usr/bin/time -v:
#   ours       hostapp-delta diff OLD NEW D      /  hostapp-delta patch OLD D OUT
#   xdelta3    xdelta3 -e -9 -S djw -B <size of OLD> -s OLD NEW D  /  xdelta3 -d -B <size> -s OLD D OUT
#   zstd       zstd -19 --long=31 --patch-from=OLD NEW  (and -T2 for the encode-time comparison)  /  zstd -d
#   bsdiff     bsdiff OLD NEW D  /  bspatch OLD OUT D   (killed after BSDIFF_TIMEOUT, default 1200 s = 20 min)
#   floor      cp NEW OUT && sha256sum OUT           (apply only: the physical floor of writing the target)
#   verifying  the peers' decoders doing the checks ours makes, with native tools (apply only):
#              openssl dgst -sha256 OLD; xdelta3 -d -c ... | tee OUT | openssl dgst -sha256; sync OUT
#              zstd -d -c F | tee OUT | openssl dgst -sha256; sync OUT          (full image)
#              (openssl's SHA-256 uses the CPU's SHA instructions, as the JVM's does; coreutils'
#              sha256sum does not)
#   JVM floor  java JvmCopyFloor copy NEW OUT, and hash NEW OUT (scripts/JvmCopyFloor.java, compiled into the
#              work dir): a JVM that only copies NEW to OUT and fsyncs, and one that SHA-256s it too; the
#              JVM's start and the checking without anything of our decoder (apply only)
#   xdelta3 -d and zstd -d are also timed followed by sync (ours fsyncs before every checkpoint), and
#   our decoder's own time (printed by hostapp-delta patch: no JVM start-up, as inside the updater's
#   daemon) is reported beside the process wall time. Our apply is also timed with --expect-sha256 NEW's
#   hash, which makes it hash the whole target as well as every operation.
# then the full-image payloads: hostapp-delta full NEW  vs  zstd -19 --long=31 NEW, and their
# decompress + write (hostapp-delta patch - F OUT  vs  zstd -d).
# Every output is checked against NEW's SHA-256 (untimed). Encodes run once, first; then every apply runs
# once untimed (round 0), then REPEAT times (default 5), each into a fresh file, interleaved (each round
# runs every apply once, so drifting page-cache and writeback conditions hit all tools alike), each after
# the previous output was deleted and the disk went quiet (settle), and the median wall time is kept.
# The table shows wall time and, because the machine may be shared, CPU time (user + sys) too; ratios
# compare our figures to the best peer's.
#
# Env: BENCH_WORK (scratch directory, default a new one under /var/tmp; needs ~4x the image size),
#      BSDIFF_TIMEOUT (seconds, default 1200; 0 skips bsdiff), HOSTAPP_DELTA (launcher, default
#      scripts/hostapp-delta next to this script), KEEP=1 keeps the scratch directory.
# Installs xdelta3, zstd, bsdiff and time with apt-get when they are missing (needs root).
set -euo pipefail

[ $# -eq 2 ] || { echo "usage: $0 OLD NEW" >&2; exit 64; }
OLD=$(readlink -f "$1"); NEW=$(readlink -f "$2")
here=$(cd "$(dirname "$0")" && pwd)
HD=${HOSTAPP_DELTA:-$here/hostapp-delta}
BSDIFF_TIMEOUT=${BSDIFF_TIMEOUT:-1200}
REPEAT=${REPEAT:-5}

need() {  # need PACKAGE COMMAND
  command -v "$2" >/dev/null 2>&1 && return 0
  echo "installing $1 ..." >&2
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y "$1" >/dev/null 2>&1 \
    || { apt-get -o DPkg::Lock::Timeout=600 update >/dev/null 2>&1 \
         && DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y "$1" >/dev/null; }
}
need xdelta3 xdelta3; need zstd zstd; need bsdiff bsdiff; need time /usr/bin/time; need openssl openssl
if [ ! -f "$here/../delta/target/hostapp-delta.jar" ] && [ -z "${HOSTAPP_DELTA_JAR:-}" ]; then
  echo "building hostapp-delta ..." >&2
  (cd "$here/.." && mvn -q -pl delta -am package -DskipTests)
fi

W=${BENCH_WORK:-$(mktemp -d /var/tmp/bench-delta.XXXXXX)}
mkdir -p "$W"
[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$W"' EXIT
SIZE=$(stat -c %s "$OLD")
JAVA_BIN=${JAVA:-java}
javac -d "$W/floor" "$here/JvmCopyFloor.java"
NEWSHA=$(sha256sum "$NEW" | cut -d' ' -f1)

declare -A WALL CPU RSS BYTES NOTE
# measure KEY CMD... : runs CMD under /usr/bin/time -v; records wall s, cpu s, peak RSS KiB
measure() {
  local key=$1; shift
  local tv=$W/time.$key rc=0
  /usr/bin/time -v -o "$tv" "$@" >"$W/out.$key" 2>&1 || rc=$?
  WALL[$key]=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; printf "%.2f", s }' "$tv")
  CPU[$key]=$(awk -F': ' '/User time/ { u = $2 } /System time/ { s = $2 } END { printf "%.2f", u + s }' "$tv")
  RSS[$key]=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$tv")
  return $rc
}
check() {  # check KEY FILE : the output must be NEW
  local got; got=$(sha256sum "$2" | cut -d' ' -f1)
  [ "$got" = "$NEWSHA" ] || { echo "$1: output differs from NEW ($got)" >&2; exit 1; }
  rm -f "$2"
}
# apply KEY CMD... : registers an apply; run_applies runs every registered apply REPEAT times,
# interleaved (round i runs each once, in registration order), checks each output, and keeps per apply
# the run with the median wall time (its CPU time) and the largest peak RSS. Applies are short and
# write the whole image, so a run is at the mercy of the page cache's writeback of the one before it;
# interleaving lets that drift hit every tool alike instead of one tool's whole series.
# settle: waits (up to 10 s) until the disk under $W has no I/O in flight and its write and discard
# counters stopped moving. Deleting an output that was fsynced frees its blocks, and with the `discard`
# mount option the discards can follow the journal commit after `sync` returned; the apply that runs
# next should not pay for them. (It did not make xdelta3 -d's times steady: see BENCHMARKS.md.)
STAT=/sys/class/block/$(basename "$(df --output=source "$W" | tail -1)")/stat
settle() {
  local prev="" cur i
  [ -r "$STAT" ] || { sleep 1; return; }
  for ((i = 0; i < 100; i++)); do
    cur=$(awk '{ print $5, $7, $12, $14, $9 }' "$STAT")  # writes, discards, then I/Os in flight
    [ "$cur" = "$prev" ] && [ "${cur##* }" = 0 ] && return
    prev=$cur; sleep 0.1
  done
}
APPLIES=()
declare -A APPLY_CMD
apply() {
  local key=$1; shift
  APPLIES+=("$key"); APPLY_CMD[$key]=$(printf '%q ' "$@")
}
run_applies() {
  local i key walls best
  # round 0 is not timed: one-time set-up happens there, for every tool alike (our launcher writes its
  # class-data archive on its first run with a given jar and JVM, scripts/jvm-cds.sh)
  for key in "${APPLIES[@]}"; do
    rm -f "$W/o" "$W/o.checkpoint"
    eval "${APPLY_CMD[$key]}" >/dev/null 2>&1 || true
  done
  for ((i = 1; i <= REPEAT; i++)); do
    for key in "${APPLIES[@]}"; do
      rm -f "$W/o" "$W/o.checkpoint"; sync -f "$W" 2>/dev/null || sync; settle
      eval "measure $key.$i ${APPLY_CMD[$key]}"; check "$key" "$W/o"
    done
  done
  for key in "${APPLIES[@]}"; do
    walls=()
    for ((i = 1; i <= REPEAT; i++)); do walls+=("${WALL[$key.$i]} $i"); done
    best=$(printf '%s\n' "${walls[@]}" | sort -g | sed -n "$(( (REPEAT + 1) / 2 ))p" | cut -d' ' -f2)
    WALL[$key]=${WALL[$key.$best]}; CPU[$key]=${CPU[$key.$best]}; RSS[$key]=0
    for ((i = 1; i <= REPEAT; i++)); do [ "${RSS[$key.$i]}" -gt "${RSS[$key]}" ] && RSS[$key]=${RSS[$key.$i]}; done
    cp "$W/out.$key.$best" "$W/out.$key"
  done
}

echo "bench-delta: $OLD -> $NEW ($SIZE bytes), work dir $W" >&2
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

# --- encode ---------------------------------------------------------------------------------------
measure ours_enc "$HD" diff "$OLD" "$NEW" "$W/d.ours"
measure xd_enc xdelta3 -f -e -9 -S djw -B "$SIZE" -s "$OLD" "$NEW" "$W/d.xd"
measure zs_enc zstd -q -f -19 --long=31 --patch-from="$OLD" "$NEW" -o "$W/d.zs"
measure zs2_enc zstd -q -f -19 -T2 --long=31 --patch-from="$OLD" "$NEW" -o "$W/d.zs2"
BS=1
if [ "$BSDIFF_TIMEOUT" -gt 0 ]; then
  if ! measure bs_enc timeout "$BSDIFF_TIMEOUT" bsdiff "$OLD" "$NEW" "$W/d.bs"; then
    BS=0; NOTE[bs]="bsdiff did not finish within ${BSDIFF_TIMEOUT} s (killed; peak RSS ${RSS[bs_enc]} KiB by then)"
  fi
else
  BS=0; NOTE[bs]="bsdiff skipped (BSDIFF_TIMEOUT=0)"
fi
for k in ours xd zs zs2 bs; do [ -f "$W/d.$k" ] && BYTES[$k]=$(stat -c %s "$W/d.$k"); done

# --- full image -----------------------------------------------------------------------------------
measure ours_full "$HD" full "$NEW" "$W/f.ours"
measure zs_full zstd -q -f -19 --long=31 "$NEW" -o "$W/f.zs"
BYTES[ours_full]=$(stat -c %s "$W/f.ours"); BYTES[zs_full]=$(stat -c %s "$W/f.zs")

# --- apply (deltas, then full images; all interleaved) ----------------------------------------------
apply ours_app "$HD" patch "$OLD" "$W/d.ours" "$W/o"
apply ours_app_whole "$HD" patch --expect-sha256 "$NEWSHA" "$OLD" "$W/d.ours" "$W/o"
apply xd_app xdelta3 -f -d -B "$SIZE" -s "$OLD" "$W/d.xd" "$W/o"
apply xd_app_sync sh -c 'xdelta3 -f -d -B "$1" -s "$2" "$3" "$4" && sync "$4"' sh "$SIZE" "$OLD" "$W/d.xd" "$W/o"
apply zs_app zstd -q -f -d --long=31 --patch-from="$OLD" "$W/d.zs" -o "$W/o"
if [ $BS = 1 ]; then apply bs_app bspatch "$OLD" "$W/o" "$W/d.bs"; fi
apply floor_app sh -c 'cp "$1" "$2" && sha256sum "$2"' sh "$NEW" "$W/o"
apply xd_app_verify sh -c 'openssl dgst -sha256 "$2" >/dev/null && xdelta3 -d -c -B "$1" -s "$2" "$3" | tee "$4" \
  | openssl dgst -sha256 >/dev/null && sync "$4"' sh "$SIZE" "$OLD" "$W/d.xd" "$W/o"
apply ours_fapp "$HD" patch - "$W/f.ours" "$W/o"
apply jvm_copy "$JAVA_BIN" -Xshare:auto -XX:+UseSerialGC -cp "$W/floor" JvmCopyFloor copy "$NEW" "$W/o"
apply jvm_copy_hash "$JAVA_BIN" -Xshare:auto -XX:+UseSerialGC -cp "$W/floor" JvmCopyFloor hash "$NEW" "$W/o"
apply zs_fapp zstd -q -f -d --long=31 "$W/f.zs" -o "$W/o"
apply zs_fapp_sync sh -c 'zstd -q -f -d --long=31 "$1" -o "$2" && sync "$2"' sh "$W/f.zs" "$W/o"
apply zs_fapp_verify sh -c 'zstd -q -d -c --long=31 "$1" | tee "$2" | openssl dgst -sha256 >/dev/null && sync "$2"' \
  sh "$W/f.zs" "$W/o"
run_applies
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

# the decoder's own time (open to last fsync, no JVM start-up): how long an apply takes inside the
# updater's long-running JVM
inproc() { sed -n 's/.*payload bytes read, \([0-9.]*\) s,.*/\1/p' "$W/out.$1" | tail -1; }
INPROC_APP=$(inproc ours_app); INPROC_FAPP=$(inproc ours_fapp)

# --- report ---------------------------------------------------------------------------------------
mib() { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }
min() { printf '%s\n' "$@" | grep -v '^$' | sort -g | head -1; }
row() {  # row NAME KEY ENCKEY APPKEY
  local enc=$3 app=$4
  printf '| %s | %s | %s s (%s s cpu) | %s MiB | %s | %s |\n' "$1" "${BYTES[$2]:--}" \
    "${WALL[$enc]:--}" "${CPU[$enc]:--}" "$( [ -n "${RSS[$enc]:-}" ] && mib "${RSS[$enc]}" || echo -)" \
    "$( [ -n "$app" ] && [ -n "${WALL[$app]:-}" ] && echo "${WALL[$app]} s (${CPU[$app]} s cpu)" || echo -)" \
    "$( [ -n "$app" ] && [ -n "${RSS[$app]:-}" ] && echo "$(mib "${RSS[$app]}") MiB" || echo -)"
}
echo
echo "### $(basename "$OLD") -> $(basename "$NEW") ($SIZE bytes)"
echo
echo "| tool | delta bytes | encode wall (cpu) | encode peak RSS | apply wall (cpu) | apply peak RSS |"
echo "|---|---:|---:|---:|---:|---:|"
row "hostapp-delta" ours ours_enc ours_app
row "xdelta3 -9 -S djw -B $SIZE" xd xd_enc xd_app
row "zstd -19 --long=31 --patch-from" zs zs_enc zs_app
row "zstd -19 -T2 --long=31 --patch-from" zs2 zs2_enc ""
if [ $BS = 1 ]; then row "bsdiff / bspatch" bs bs_enc bs_app; else echo "| bsdiff / bspatch | ${NOTE[bs]} | | | | |"; fi
echo "| cp + sha256sum (floor) | - | - | - | ${WALL[floor_app]} s (${CPU[floor_app]} s cpu) | $(mib "${RSS[floor_app]}") MiB |"
echo "| xdelta3 -d, verifying: openssl SHA-256 of OLD; xdelta3 -d \\| tee OUT \\| openssl SHA-256; sync | - | - | - |" \
  "${WALL[xd_app_verify]} s (${CPU[xd_app_verify]} s cpu) | $(mib "${RSS[xd_app_verify]}") MiB |"
peers_b=(${BYTES[xd]} ${BYTES[zs]} ${BYTES[bs]:-})
peers_app=(${WALL[xd_app]} ${WALL[zs_app]} ${WALL[bs_app]:-})
peers_rss=(${RSS[xd_app]} ${RSS[zs_app]} ${RSS[bs_app]:-})
peers_enc_rss=(${RSS[xd_enc]} ${RSS[zs_enc]} ${RSS[zs2_enc]} ${RSS[bs_enc]:-})
echo
echo "Ours / best peer: delta size $(ratio "${BYTES[ours]}" "$(min "${peers_b[@]}")")," \
  "encode wall vs zstd -T2 $(ratio "${WALL[ours_enc]}" "${WALL[zs2_enc]}") (cpu $(ratio "${CPU[ours_enc]}" "${CPU[zs2_enc]}")), " \
  "apply wall vs xdelta3 -d $(ratio "${WALL[ours_app]}" "${WALL[xd_app]}") (best peer $(ratio "${WALL[ours_app]}" "$(min "${peers_app[@]}")");" \
  "vs xdelta3 -d + sync ${WALL[xd_app_sync]} s: $(ratio "${WALL[ours_app]}" "${WALL[xd_app_sync]}");" \
  "in-process decoder time ${INPROC_APP} s: $(ratio "$INPROC_APP" "${WALL[xd_app]}") of xdelta3 -d;" \
  "with --expect-sha256, which hashes the whole target too, ${WALL[ours_app_whole]} s: $(ratio "${WALL[ours_app_whole]}" "${WALL[xd_app]}");" \
  "vs xdelta3 -d verifying as ours does, ${WALL[xd_app_verify]} s: $(ratio "${WALL[ours_app]}" "${WALL[xd_app_verify]}"))," \
  "apply peak RSS $(mib "${RSS[ours_app]}") MiB ($(ratio "${RSS[ours_app]}" "$(min "${peers_rss[@]}")") of the best peer)," \
  "encode peak RSS $(ratio "${RSS[ours_enc]}" "$(min "${peers_enc_rss[@]}")") of the best peer."
echo
echo "Full image: hostapp-delta full ${BYTES[ours_full]} bytes vs zstd -19 --long=31 ${BYTES[zs_full]} bytes" \
  "(ratio $(ratio "${BYTES[ours_full]}" "${BYTES[zs_full]}"); encode ${WALL[ours_full]} s vs ${WALL[zs_full]} s);" \
  "decompress + write ${WALL[ours_fapp]} s (${CPU[ours_fapp]} s cpu, peak RSS $(mib "${RSS[ours_fapp]}") MiB)" \
  "vs zstd -d ${WALL[zs_fapp]} s (${CPU[zs_fapp]} s cpu, $(mib "${RSS[zs_fapp]}") MiB), zstd -d + sync ${WALL[zs_fapp_sync]} s:" \
  "ratio $(ratio "${WALL[ours_fapp]}" "${WALL[zs_fapp]}") ($(ratio "${WALL[ours_fapp]}" "${WALL[zs_fapp_sync]}") with sync;" \
  "zstd -d verifying (zstd -d -c | tee OUT | openssl SHA-256; sync) ${WALL[zs_fapp_verify]} s, $(ratio "${WALL[zs_fapp_verify]}" "${WALL[zs_fapp]}") of zstd -d," \
  "ours $(ratio "${WALL[ours_fapp]}" "${WALL[zs_fapp_verify]}") of it;" \
  "JVM floor: copy + fsync ${WALL[jvm_copy]} s, $(ratio "${WALL[jvm_copy]}" "${WALL[zs_fapp]}") of zstd -d;" \
  "copy + SHA-256 + fsync ${WALL[jvm_copy_hash]} s, $(ratio "${WALL[jvm_copy_hash]}" "${WALL[zs_fapp]}") of zstd -d," \
  "$(ratio "${WALL[jvm_copy_hash]}" "${WALL[xd_app]}") of xdelta3 -d;" \
  "in-process decoder time ${INPROC_FAPP} s: $(ratio "$INPROC_FAPP" "${WALL[zs_fapp]}") of zstd -d)."
echo
echo "hostapp-delta's own report:"; sed 's/^/    /' "$W/out.ours_enc"; sed 's/^/    /' "$W/out.ours_app"
