#!/usr/bin/env bash
# demo.sh [--board BOARD] - build hostapp-update from source, then on a simulated A/B device:
#   1. install v2 (zstd, with sidecar) and reboot: trial boot, health checks pass, commit
#   2. install v3, whose own health check fails: trial boot, health fails, roll back, boot v2 again
#   3. install v3 again, and this time the new OS never comes up: the bootloader falls back by itself
# BOARD is a simulated board, one per bootloader family (default sim-uboot):
#   sim-uboot    U-Boot env (redundant copies), boot.cmd counting; fw_printenv shows the armed trial
#   sim-grub     GRUB env block, hostapp.cfg counting; grub-editenv shows the armed trial
#   sim-tryboot  Raspberry Pi autoboot.txt + one-shot tryboot reboot; the file shows the armed trial
#   sim-efi      UEFI BootNext (one-shot) / BootOrder in efivarfs format; efibootmgr shows the armed trial
#   sim-custom   the custom backend asking the example program, which keeps a state file
# Prints status after each step; exits 0 only if every outcome was the expected one.
# Work files go to $DEMO_WORK (default: work/demo-BOARD in the repository, git-ignored).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
board=sim-uboot
while [ $# -gt 0 ]; do
  case $1 in
    --board) board=${2:?--board needs a board name}; shift 2 ;;
    --board=*) board=${1#--board=}; shift ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "demo: unknown argument '$1' (usage: demo.sh [--board sim-uboot|sim-grub|sim-tryboot|sim-efi|sim-custom])" >&2; exit 2 ;;
  esac
done
case $board in
  sim-uboot|sim-grub|sim-custom) crashes=3 ;;   # bootlimit 3: three counted boots, the fourth falls back
  sim-tryboot|sim-efi) crashes=1 ;;             # one-shot firmware: the boot after the crash is the old slot
  *) echo "demo: '$board' is not a simulated board (sim-uboot, sim-grub, sim-tryboot, sim-efi, sim-custom)" >&2; exit 2 ;;
esac
work=${DEMO_WORK:-$repo/work/demo-$board}
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

# Shows the armed trial of step 2 with the bootloader family's own tool (or the file itself) and checks it.
show_armed_trial() {
  case $board in
    sim-uboot)
      if command -v fw_printenv >/dev/null; then
        printf '%s 0x0000 0x4000\n%s 0x4000 0x4000\n' "$dev/uboot.env" "$dev/uboot.env" > "$work/fw_env.config"
        fw_printenv -c "$work/fw_env.config" slot fallback_slot upgrade_available bootcount bootlimit
        [ "$(fw_printenv -c "$work/fw_env.config" -n upgrade_available)" = 1 ] || fail "fw_printenv: upgrade_available is not 1"
        [ "$(fw_printenv -c "$work/fw_env.config" -n slot)" = a ] || fail "fw_printenv: slot is not a"
      else
        echo "(fw_printenv not installed: apt-get install libubootenv-tool to see the env with the real tool)"
      fi ;;
    sim-grub)
      if command -v grub-editenv >/dev/null; then
        grub-editenv "$dev/grubenv" list
        grub-editenv "$dev/grubenv" list | grep -qx 'upgrade_available=1' || fail "grub-editenv: upgrade_available is not 1"
        grub-editenv "$dev/grubenv" list | grep -qx 'slot=a' || fail "grub-editenv: slot is not a"
      else
        echo "(grub-editenv not installed: apt-get install grub-common to see the env with the real tool)"
      fi ;;
    sim-tryboot)
      cat "$dev/boot/autoboot.txt"
      grep -qx 'boot_partition=2' <(sed -n '/^\[tryboot\]/,/^\[/p' "$dev/boot/autoboot.txt") || fail "autoboot.txt: [tryboot] is not partition 2 (slot a)" ;;
    sim-efi)
      if command -v efibootmgr >/dev/null; then
        EFIVARFS_PATH="$dev/efivars/" efibootmgr
        EFIVARFS_PATH="$dev/efivars/" efibootmgr | grep -qx 'BootNext: 0001' || fail "efibootmgr: BootNext is not 0001 (slot a)"
      else
        echo "(efibootmgr not installed: apt-get install efibootmgr to see the variables with the real tool)"
      fi ;;
    sim-custom)
      (cd "$dev" && for v in primary "state a" "state b" fallback-reported; do
         printf '%-18s %s\n' "$v:" "$(sh hostapp-boot-file.sh custom-boot.state proc-cmdline $v)"; done)
      [ "$(cd "$dev" && sh hostapp-boot-file.sh custom-boot.state proc-cmdline state a)" = trying ] || fail "custom program: slot a is not trying" ;;
  esac
}

"$repo/scripts/install-deps.sh"

say "build from source"
if [ -z "${DEMO_NO_BUILD:-}" ]; then
  (cd "$repo" && mvn -q -B package -Dmaven.test.skip=true -pl updater -am)
fi

say "build real ext4 images v1 (factory), v2 (healthy), v3 (its health check fails)"
rm -rf "$work"; mkdir -p "$work"
BOARD=$board "$repo/scripts/make-demo-images.sh" "$work/images" >/dev/null
ls -l "$work/images"

say "create a simulated $board device with v1 in slot a"
run 0 "$H" sim create --board "$board" --image "$work/images/v1.img" --release v1 "$dev"
"$H" status --device "$dev"
check "fresh device boots v1 from slot a" 's["bootedSlot"]=="a" and s["slots"]["a"]["version"]=="v1"'

say "1. install v2 and reboot (hostapp-update -f v2.img.zst -r)"
run 0 "$H" --device "$dev" -f "$work/images/v2.img.zst" -r
"$H" status --device "$dev"
check "v2 committed in slot b" 's["bootedSlot"]=="b" and s["primarySlot"]=="b" and s["slots"]["b"]["version"]=="v2" and s["slots"]["b"]["state"]=="GOOD" and s["lastOutcome"]["result"]=="committed" and s["journal"]["state"]=="Idle"'

say "2. install v3 without rebooting; the bootloader's own storage shows the armed trial"
run 0 "$H" --device "$dev" -f "$work/images/v3.img"
show_armed_trial
"$H" status --device "$dev"
check "trial of v3 armed in slot a" 's["primarySlot"]=="a" and s["slots"]["a"]["state"]=="TRYING" and s["journal"]["state"]=="ArtifactReboot"'

say "2. reboot: v3's own health check fails, the agent rolls back and reboots into v2"
run 11 "$H" sim boot "$dev"
"$H" status --device "$dev"
check "rolled back to v2, reason names the failing check" 's["bootedSlot"]=="b" and s["slots"]["b"]["version"]=="v2" and s["lastOutcome"]["result"]=="rolled-back" and "image-health-check" in s["lastOutcome"]["reason"] and s["journal"]["state"]=="Idle"'

say "3. install v3 again; this time its kernel never comes up ($crashes crashed boot(s)), the bootloader falls back"
run 0 "$H" --device "$dev" -f "$work/images/v3.img"
run 12 "$H" sim boot --crash "$crashes" "$dev"
"$H" status --device "$dev"
check "bootloader fell back to v2 and the agent recorded it" 's["bootedSlot"]=="b" and s["slots"]["b"]["version"]=="v2" and s["lastOutcome"]["result"]=="rolled-back" and "rolled back by bootloader" in s["lastOutcome"]["reason"] and not s["fallbackReported"]'

say "demo passed on $board: v2 committed, v3 rolled back by the agent and by the bootloader, v2 running"

# The default run goes on to the network and the fleet: an install over a link that drops twice, and a
# signed repository served by nginx with a staged rollout (DEMO_ONLY_DEVICE=1 skips both).
if [ "$board" = sim-uboot ] && [ -z "${DEMO_ONLY_DEVICE:-}" ]; then
  say "4. over HTTP: the connection drops twice mid-download, the install resumes and commits"
  DEMO_NO_BUILD=1 "$repo/scripts/demo-network.sh"
  say "5. fleet rollout: hostapp-repo publishes v1 and v2, nginx serves them, a 10% rollout then 100%"
  DEMO_NO_BUILD=1 "$repo/scripts/demo-repository.sh"
  say "all demo steps passed"
fi
