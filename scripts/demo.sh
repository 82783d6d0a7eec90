#!/usr/bin/env bash
# demo.sh - build hostapp-update from source, then on a simulated A/B device (sim-uboot board):
#   1. install v2 (zstd, with sidecar) and reboot: trial boot, health checks pass, commit
#   2. install v3, whose own health check fails: trial boot, health fails, roll back, boot v2 again
#   3. install v3 again, and this time the new OS never comes up: the bootloader falls back by itself
# Prints status after each step; exits 0 only if every outcome was the expected one.
# Work files go to $DEMO_WORK (default: work/demo in the repository, git-ignored).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
work=${DEMO_WORK:-$repo/work/demo}
H="$repo/scripts/hostapp-update"
dev="$work/device"
export PATH=$PATH:/usr/sbin:/sbin

say() { printf '\n\033[1m### %s\033[0m\n' "$*"; }
fail() { echo "demo: FAILED: $*" >&2; exit 1; }
# check DESCRIPTION PYTHON-EXPR: evaluates EXPR against 'status --json' as s
check() {
  local json; json=$("$H" status --device "$dev" --json)
  python3 -c 'import json,sys; s=json.loads(sys.argv[1]); sys.exit(0 if eval(sys.argv[2]) else 1)' "$json" "$2" \
    || { echo "$json" >&2; fail "$1"; }
  echo "demo: ok: $1"
}
run() { # EXPECTED-RC CMD...: runs CMD, fails the demo unless it exits EXPECTED-RC
  local want=$1; shift; local rc=0
  "$@" || rc=$?
  [ "$rc" = "$want" ] || fail "'$*' exited $rc, expected $want"
}

"$repo/scripts/install-deps.sh"

say "build from source"
(cd "$repo" && mvn -q -B package -Dmaven.test.skip=true -pl updater -am)

say "build real ext4 images v1 (factory), v2 (healthy), v3 (its health check fails)"
rm -rf "$work"; mkdir -p "$work"
"$repo/scripts/make-demo-images.sh" "$work/images" >/dev/null
ls -l "$work/images"

say "create a simulated sim-uboot device with v1 in slot a"
run 0 "$H" sim create --board sim-uboot --image "$work/images/v1.img" --release v1 "$dev"
"$H" status --device "$dev"
check "fresh device boots v1 from slot a" 's["bootedSlot"]=="a" and s["slots"]["a"]["version"]=="v1"'

say "1. install v2 and reboot (hostapp-update -f v2.img.zst -r)"
run 0 "$H" --device "$dev" -f "$work/images/v2.img.zst" -r
"$H" status --device "$dev"
check "v2 committed in slot b" 's["bootedSlot"]=="b" and s["primarySlot"]=="b" and s["slots"]["b"]["version"]=="v2" and s["slots"]["b"]["state"]=="GOOD" and s["lastOutcome"]["result"]=="committed" and s["journal"]["state"]=="Idle"'

say "2. install v3 without rebooting; the real fw_printenv shows the armed trial"
run 0 "$H" --device "$dev" -f "$work/images/v3.img"
if command -v fw_printenv >/dev/null; then
  printf '%s 0x0000 0x4000\n%s 0x4000 0x4000\n' "$dev/uboot.env" "$dev/uboot.env" > "$work/fw_env.config"
  fw_printenv -c "$work/fw_env.config" slot fallback_slot upgrade_available bootcount bootlimit
  [ "$(fw_printenv -c "$work/fw_env.config" -n upgrade_available)" = 1 ] || fail "fw_printenv: upgrade_available is not 1"
  [ "$(fw_printenv -c "$work/fw_env.config" -n slot)" = a ] || fail "fw_printenv: slot is not a"
else
  echo "(fw_printenv not installed: apt-get install libubootenv-tool to see the env with the real tool)"
fi
"$H" status --device "$dev"
check "trial of v3 armed in slot a" 's["primarySlot"]=="a" and s["slots"]["a"]["state"]=="TRYING" and s["journal"]["state"]=="ArtifactReboot"'

say "2. reboot: v3's own health check fails, the agent rolls back and reboots into v2"
run 11 "$H" sim boot "$dev"
"$H" status --device "$dev"
check "rolled back to v2, reason names the failing check" 's["bootedSlot"]=="b" and s["slots"]["b"]["version"]=="v2" and s["lastOutcome"]["result"]=="rolled-back" and "image-health-check" in s["lastOutcome"]["reason"] and s["journal"]["state"]=="Idle"'

say "3. install v3 again; this time its kernel never comes up (3 crashed boots), the bootloader falls back"
run 0 "$H" --device "$dev" -f "$work/images/v3.img"
run 12 "$H" sim boot --crash 3 "$dev"
"$H" status --device "$dev"
check "bootloader fell back to v2 and the agent recorded it" 's["bootedSlot"]=="b" and s["slots"]["b"]["version"]=="v2" and s["lastOutcome"]["result"]=="rolled-back" and "rolled back by bootloader" in s["lastOutcome"]["reason"] and not s["fallbackReported"]'

say "demo passed: v2 committed, v3 rolled back by the agent and by the bootloader, v2 running"
