#!/usr/bin/env bash
# demo-repository.sh - build hostapp-update from source, then roll a release out through a signed repository:
#   1. hostapp-repo init (2-of-2 root keys, keys outside the served tree), add v1 (100 % of stable) and v2
#      (its full image and a delta from v1),
#      roll v2 out to 10 % of stable, publish, verify
#   2. nginx serves the tree on a loopback port; a simulated sim-uboot device runs v1 and polls it
#   3. the device is outside v2's 10 % cohort: 'hostapp-update check' says "not in rollout", update installs nothing
#   4. v2 goes to 100 %: 'hostapp-update update -r' streams v2's delta over HTTP, verifies it against the signed
#      metadata, reboots (simulated) into it, health checks pass, v2 is committed
# Prints status after each step; exits 0 only if every outcome was the expected one.
# Work files go to $DEMO_WORK (default: work/demo-repository in the repository, git-ignored).
# DEMO_NO_BUILD=1 skips the build (demo.sh sets it: it has built the jar already).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
case ${1:-} in
  -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
  "") ;;
  *) echo "demo-repository: unknown argument '$1' (usage: demo-repository.sh)" >&2; exit 2 ;;
esac
work=${DEMO_WORK:-$repo/work/demo-repository}
H="$repo/scripts/hostapp-update"
R="$repo/scripts/hostapp-repo"
tree="$work/repo"
dev="$work/device"
# bucket("device-0001", "v2") = sha256("device-0001" || "v2") mod 100 = 39: outside 10 %, inside 100 %
device_id=device-0001
export PATH=$PATH:/usr/sbin:/sbin

say() { printf '\n\033[1m### %s\033[0m\n' "$*"; }
fail() { echo "demo-repository: FAILED: $*" >&2; exit 1; }
# check DESCRIPTION PYTHON-EXPR: evaluates EXPR against 'status --json' as s
check() {
  local json; json=$("$H" status --device "$dev" --json)
  python3 -c 'import json,sys; s=json.loads(sys.argv[1]); sys.exit(0 if eval(sys.argv[2]) else 1)' "$json" "$2" \
    || { echo "$json" >&2; fail "$1"; }
  echo "demo-repository: ok: $1"
}
run() { # EXPECTED-RC CMD...: runs CMD (output shown and kept in $work/last.out), fails unless it exits EXPECTED-RC
  local want=$1; shift; local rc=0
  "$@" 2>&1 | tee "$work/last.out" || rc=${PIPESTATUS[0]}
  [ "$rc" = "$want" ] || fail "'$*' exited $rc, expected $want"
}
expect_output() { # DESCRIPTION TEXT: the last command's output contains TEXT
  grep -qF -- "$2" "$work/last.out" || fail "$1: output lacks '$2'"
  echo "demo-repository: ok: $1"
}

"$repo/scripts/install-deps.sh"

say "build from source"
if [ -z "${DEMO_NO_BUILD:-}" ]; then
  (cd "$repo" && mvn -q -B package -Dmaven.test.skip=true -pl updater -am)
fi

say "build real ext4 images v1 (factory) and v2"
if [ -f "$work/nginx/nginx.pid" ]; then kill "$(cat "$work/nginx/nginx.pid")" 2>/dev/null || true; fi
rm -rf "$work"; mkdir -p "$work"
BOARD=sim-uboot "$repo/scripts/make-demo-images.sh" "$work/images" >/dev/null
ls -l "$work/images/v1.img" "$work/images/v2.img"

say "1. publish: hostapp-repo init, add v1 (stable 100%) and v2, rollout v2 to 10% of stable, publish, verify"
run 0 "$R" init "$tree" --root-keys 2 --root-threshold 2
run 0 "$R" add "$tree" --board sim-uboot --release v1 --image "$work/images/v1.img" --rollout stable=100
run 0 "$R" add "$tree" --board sim-uboot --release v2 --image "$work/images/v2.img" --delta-from v1 "$work/images/v1.img"
run 0 "$R" rollout "$tree" --release v2 --channel stable --percent 10
run 0 "$R" publish "$tree"
run 0 "$R" verify "$tree"
expect_output "the tree verifies as a device would see it, v2 at 10% of stable" "{stable=10}"
[ -d "$work/keys" ] && [ ! -e "$tree/keys" ] || fail "keys must live outside the served tree"
(cd "$tree" && find metadata targets -type f | sort)

say "2. nginx serves metadata/ and targets/ on loopback; a simulated sim-uboot device runs v1"
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mkdir -p "$work/nginx/temp"
user_line=""; [ "$(id -u)" = 0 ] && user_line="user root root;"
cat > "$work/nginx/nginx.conf" <<EOF
worker_processes 1;
$user_line
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections 64; }
http {
  access_log $work/nginx/access.log;
  client_body_temp_path $work/nginx/temp/body;
  proxy_temp_path $work/nginx/temp/proxy;
  fastcgi_temp_path $work/nginx/temp/fastcgi;
  uwsgi_temp_path $work/nginx/temp/uwsgi;
  scgi_temp_path $work/nginx/temp/scgi;
  default_type application/octet-stream;
  types { application/json json; }
  log_not_found off;
  server {
    listen 127.0.0.1:$port;
    root $tree;
    location /metadata/ { }
    location /targets/ { }
    location / { return 404; }   # staging/ (unsigned work in progress) is not served
  }
}
EOF
"$nginx_bin" -e "$work/nginx/error.log" -p "$work/nginx" -c "$work/nginx/nginx.conf" -g 'daemon off;' &
nginx_pid=$!
trap 'kill $nginx_pid 2>/dev/null || true; wait $nginx_pid 2>/dev/null || true' EXIT
for _ in $(seq 100); do
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  kill -0 $nginx_pid 2>/dev/null || { cat "$work/nginx/error.log" >&2; fail "nginx did not start"; }
  sleep 0.1
done
(exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || fail "nginx is not listening on port $port"
echo "nginx (pid $nginx_pid) serves $tree at http://127.0.0.1:$port/"

run 0 "$H" sim create --board sim-uboot --image "$work/images/v1.img" --release v1 "$dev"
cp "$tree/metadata/1.root.json" "$dev/root.json"
cat > "$dev/config.json" <<EOF
{"repository": {"url": "http://127.0.0.1:$port/", "channel": "stable", "trustedRoot": "root.json"}}
EOF
mkdir -p "$dev/data"; echo "$device_id" > "$dev/data/device-id"
echo "device config: $(cat "$dev/config.json")"
echo "device id: $device_id (trusts $dev/root.json = root v1 of the repository)"
"$H" status --device "$dev"
check "fresh device boots v1 from slot a" 's["bootedSlot"]=="a" and s["slots"]["a"]["version"]=="v1"'

say "3. v2 at 10% of stable: this device is not in the cohort"
run 0 "$H" check --device "$dev"
expect_output "check says the device is not in v2's 10% rollout" "not in rollout: v2 is rolled out to 10% of channel stable"
run 0 "$H" update -r --device "$dev"
expect_output "update installs nothing" "running v1, the current release"
"$H" status --device "$dev"
check "still v1 in slot a, nothing installed" 's["bootedSlot"]=="a" and s["slots"]["a"]["version"]=="v1" and s["journal"]["state"]=="Idle" and s["lastOutcome"] is None'

say "4. v2 at 100% of stable: the device installs it over HTTP and commits it"
run 0 "$R" rollout "$tree" --release v2 --channel stable --percent 100
run 0 "$R" publish "$tree"
run 0 "$H" check --device "$dev"
expect_output "check offers v2 as a delta from v1" "delta v1 -> v2 offered"
run 0 "$H" update -r --device "$dev"
expect_output "the device took the delta, not the full image" "applied delta payload"
grep -E "fetched [0-9]+ bytes for sim-uboot/v2/" "$work/last.out" | sed 's/^/demo-repository: /'
expect_output "v2 committed after the (simulated) reboot" "committed v2 in slot b"
"$H" status --device "$dev"
check "v2 committed in slot b" 's["bootedSlot"]=="b" and s["primarySlot"]=="b" and s["slots"]["b"]["version"]=="v2" and s["slots"]["b"]["state"]=="GOOD" and s["lastOutcome"]["result"]=="committed" and s["journal"]["state"]=="Idle"'
echo "nginx access log (payload requests):"
grep ' /targets/' "$work/nginx/access.log" || fail "nginx served no payload"
grep -q 'GET /targets/sim-uboot/v2/[0-9a-f]*\.delta-from-v1\.bin HTTP/1.1" 200' "$work/nginx/access.log" \
  || fail "v2's delta was not fetched from nginx"
if grep -q 'GET /targets/sim-uboot/v2/[0-9a-f]*\.full\.img\.zst' "$work/nginx/access.log"; then
  fail "the full image was fetched although the delta applies"
fi
echo "demo-repository: ok: v2's payload came from nginx"

say "demo-repository passed: v1 and v2 published and signed, the 10% rollout left the device on v1, at 100% it installed v2 over HTTP and committed it"
