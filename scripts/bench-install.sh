#!/usr/bin/env bash
# bench-install.sh OLD NEW - how long does a device take to install NEW over OLD, as shipped?
#
# The other benchmarks time the hostapp-delta CLI. This one times the device's own path: the
# hostapp-update agent (scripts/hostapp-update, the launcher and JVM flags a device runs) fetching a
# signed release over HTTP from a repository that hostapp-repo published, and installing it into the
# inactive slot of a simulated U-Boot device whose slots are as large as the images:
#   delta  the device runs OLD's release (v1), so 'update' takes the delta v1 -> v2
#   full   the device says it runs a release the repository has no delta from, so 'update' takes the
#          full-image payload (hostapp-repo's zstd -19 encoding)
# Each install is the whole job the agent does before a reboot: refresh and check the signed metadata,
# download and check the payload, the source check, write, fsync and checkpoints, the read-back of the
# written slot against the signed image hash, and arming the trial boot. After each one the update is
# rolled back ('rollback'), so the next starts from the same state. The installs of the two kinds run
# interleaved, REPEAT rounds (default 3); the median wall time is printed, with the CPU time, the peak
# RSS of the whole JVM process (/usr/bin/time -v) and the payload bytes fetched.
#
# Then 'check' and 'status' (no install) without the launcher's class-data archive (HOSTAPP_CDS=0) and
# with an archive that the same command made (its own directory, HOSTAPP_CDS_DIR), interleaved,
# REPEAT_SHORT times (default 7), medians. (The launcher keeps one archive per jar and JVM, made by the
# first command run with them, so another command finds only the classes the two share in it.)
# Last, one more delta install as shipped, each output line with the seconds since the start, to show
# where the time goes.
#
# VARIANTS (optional) adds runs with extra JVM flags in the same rounds, as NAME=FLAGS separated by ';',
# e.g. VARIANTS='c1-only=-XX:TieredStopAtLevel=1' (HOSTAPP_JAVA_OPTS comes after the launcher's flags).
#
# Env: BENCH_WORK (scratch directory, default a new one under /var/tmp), REPEAT, REPEAT_SHORT, VARIANTS,
#      KEEP=1 keeps the scratch directory.
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: $0 OLD NEW (raw root filesystem images)" >&2; exit 64; }
old=$(realpath "$1"); new=$(realpath "$2")
here=$(cd "$(dirname "$0")" && pwd)
H=$here/hostapp-update
R=$here/hostapp-repo
REPEAT=${REPEAT:-3}
REPEAT_SHORT=${REPEAT_SHORT:-7}
# median LINES...: the middle line by the first number (the lower middle for an even count)
median() { printf '%s\n' "$@" | sort -g | sed -n "$(( ($# + 1) / 2 ))p"; }
command -v /usr/bin/time >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y time >/dev/null
if [ ! -f "$here/../updater/target/hostapp-update.jar" ] && [ -z "${HOSTAPP_UPDATE_JAR:-}" ]; then
  (cd "$here/.." && mvn -q -B package -Dmaven.test.skip=true -pl updater -am)
fi
W=${BENCH_WORK:-$(mktemp -d /var/tmp/bench-install.XXXXXX)}
mkdir -p "$W"
server_pid=
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  [ "${KEEP:-0}" = 1 ] || rm -rf "$W"
}
trap cleanup EXIT

# A board like sim-uboot, with slots as large as the larger image and no health checks (nothing boots).
slot=$(( $(stat -c %s "$old") > $(stat -c %s "$new") ? $(stat -c %s "$old") : $(stat -c %s "$new") ))
python3 - "$here/../boards/sim-uboot.json" "$W/bench-uboot.json" "$slot" <<'EOF'
import json, sys
b = json.load(open(sys.argv[1]))
b["name"] = "bench-uboot"
b["description"] = "sim-uboot with slots as large as the benchmark images (scripts/bench-install.sh)"
for s in b["slots"].values():
    s["size"] = int(sys.argv[3])
b["health"] = {"attempts": 1, "intervalSeconds": 1, "checks": []}
json.dump(b, open(sys.argv[2], "w"), indent=2)
EOF

echo "# publishing v1 ($old) and v2 ($new, with a delta from v1); this encodes both (minutes)"
tree=$W/repo
"$R" init "$tree" >/dev/null
"$R" add "$tree" --board bench-uboot --release v1 --image "$old" --rollout stable=100 >/dev/null
"$R" add "$tree" --board bench-uboot --release v2 --image "$new" --delta-from v1 "$old" \
  --rollout stable=100 >/dev/null
"$R" publish "$tree" >/dev/null
find "$tree/targets" -type f -printf '%s %P\n' | sort -k2

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# HTTP/1.1, so a connection the client keeps in its pool stays open: in its default HTTP/1.0 mode the server
# closes every connection after one response, and the agent's next request on it fails at byte 0 and is
# retried after a backoff (0.6 s), which would be timed as part of the install
python3 -m http.server --protocol HTTP/1.1 --bind 127.0.0.1 --directory "$tree" "$port" >"$W/http.log" 2>&1 &
server_pid=$!
for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done

# make_device DIR RELEASE: a device with OLD in slot a, recorded as RELEASE
make_device() {
  "$H" sim create --board "$W/bench-uboot.json" --image "$old" --release "$2" "$1" >/dev/null 2>&1
  cp "$tree/metadata/1.root.json" "$1/root.json"
  printf '{"repository": {"url": "http://127.0.0.1:%s/", "channel": "stable", "trustedRoot": "root.json"}}\n' \
    "$port" >"$1/config.json"
}
make_device "$W/dev-delta" v1
make_device "$W/dev-full" v0   # no delta from v0 is published: the device takes the full image
new_sha=$(sha256sum "$new" | cut -d' ' -f1)

declare -A opts=([shipped]="")
order=(shipped)
IFS=';' read -r -a extra <<<"${VARIANTS:-}"
for v in "${extra[@]}"; do
  [ -n "$v" ] || continue
  opts[${v%%=*}]=${v#*=}; order+=("${v%%=*}")
done

# install KIND VARIANT: one timed 'update' of dev-KIND, then rolled back; appends "wall cpu rss fetched"
install() {
  local kind=$1 variant=$2 dev=$W/dev-$1 out=$W/out
  sync
  HOSTAPP_JAVA_OPTS="${opts[$variant]}" /usr/bin/time -v -o "$W/tv" "$H" update --device "$dev" >"$out" 2>&1 \
    || { cat "$out" >&2; echo "bench-install: $kind install ($variant) failed" >&2; exit 1; }
  local want="applied delta payload"; [ "$kind" = full ] && want="applied full image payload"
  grep -q "$want" "$out" || { cat "$out" >&2; echo "bench-install: the $kind device did not report '$want'" >&2; exit 1; }
  # slot b now holds NEW (the agent read it back against the signed hash; this checks it once more)
  [ "$(head -c "$(stat -c %s "$new")" "$dev/slot-b.img" | sha256sum | cut -d' ' -f1)" = "$new_sha" ] \
    || { echo "bench-install: slot b does not hold NEW after the $kind install" >&2; exit 1; }
  local fetched; fetched=$(grep -oE 'fetched [0-9]+ bytes' "$out" | tail -1 | grep -oE '[0-9]+' || echo "?")
  awk -F': ' -v f="$fetched" '
    /Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i] }
    /User time/ { u = $2 } /System time/ { y = $2 } /Maximum resident set size/ { r = $2 }
    END { printf "%.2f %.2f %d %s\n", s, u + y, r / 1024, f }' "$W/tv" >>"$W/times.$kind.$variant"
  "$H" rollback --device "$dev" >/dev/null 2>&1 || { echo "bench-install: rollback failed" >&2; exit 1; }
}

for ((i = 1; i <= REPEAT; i++)); do
  for variant in "${order[@]}"; do
    for kind in delta full; do install "$kind" "$variant"; done
  done
done

echo
echo "## hostapp-update install of $(basename "$new") over $(basename "$old") (slot $slot bytes), median of $REPEAT"
echo
echo "| payload | JVM flags | payload bytes fetched | install wall (cpu) | peak RSS |"
echo "|---|---|---:|---:|---:|"
for variant in "${order[@]}"; do
  for kind in delta full; do
    f=$W/times.$kind.$variant
    mapfile -t runs <"$f"
    read -r wall cpu rss fetched <<<"$(median "${runs[@]}")"
    maxrss=$(awk 'm < $3 { m = $3 } END { print m }' "$f")
    label=${opts[$variant]:-as shipped}
    echo "| $kind | $label | $fetched | ${wall} s (${cpu} s cpu) | $maxrss MiB |"
  done
done

echo
echo "## short commands with and without the class-data archive (scripts/jvm-cds.sh), median of $REPEAT_SHORT"
echo
echo "| command | HOSTAPP_CDS=0 | archive made by the same command |"
echo "|---|---:|---:|"
for cmd in check status; do
  # an archive of this command's own classes: made by its first run, put in place by its second (untimed)
  cds_dir=$W/cds-$cmd
  for i in 1 2; do HOSTAPP_CDS_DIR=$cds_dir "$H" $cmd --device "$W/dev-delta" >/dev/null 2>&1; done
  off=(); on=()
  for ((i = 1; i <= REPEAT_SHORT; i++)); do
    off+=("$(HOSTAPP_CDS=0 /usr/bin/time -f %e "$H" $cmd --device "$W/dev-delta" 2>&1 >/dev/null | tail -1)")
    on+=("$(HOSTAPP_CDS_DIR=$cds_dir /usr/bin/time -f %e "$H" $cmd --device "$W/dev-delta" 2>&1 >/dev/null | tail -1)")
  done
  echo "| $cmd | $(median "${off[@]}") s | $(median "${on[@]}") s |"
done

echo
echo "## one more delta install as shipped, seconds since start per output line"
echo
echo '```'
python3 - "$H" "$W/dev-delta" <<'EOF'
import subprocess, sys, time
t0 = time.time()
p = subprocess.Popen([sys.argv[1], "update", "--device", sys.argv[2]], stdout=subprocess.PIPE,
                     stderr=subprocess.STDOUT, text=True)
for line in p.stdout:
    print("%6.3f %s" % (time.time() - t0, line.rstrip()))
print("%6.3f exit %d" % (time.time() - t0, p.wait()))
EOF
echo '```'
"$H" rollback --device "$W/dev-delta" >/dev/null 2>&1
