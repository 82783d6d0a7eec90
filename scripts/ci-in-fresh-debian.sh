#!/usr/bin/env bash
# ci-in-fresh-debian.sh - runs .ci/run on a clean clone of this repository (its committed HEAD) inside a
# freshly debootstrap'd Debian 12 chroot (variant minbase: Debian's required packages and apt, no Java,
# no Maven, none of the test tools). It checks the README's claim that the two commands work on a fresh
# machine: .ci/run must install everything its tests need (scripts/install-deps.sh).
#
# Needs root, debootstrap, git, and the network to reach a Debian mirror and Maven Central.
#   CHROOT   where to build it (default /var/tmp/hostapp-fresh-debian; deleted first, and again at the
#            end unless KEEP=1)
#   MIRROR   Debian mirror (default http://deb.debian.org/debian)
# The host's resolv.conf and its local CA certificates (/usr/local/share/ca-certificates, e.g. a
# TLS-inspecting proxy's) are copied in; ../shared is copied beside the clone, as CI has it.
# Differences from a real machine: no init system (services are not started; the tests start their own
# servers) and /proc is bind-mounted from the host. Exit status: .ci/run's.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
root=${CHROOT:-/var/tmp/hostapp-fresh-debian}
mirror=${MIRROR:-http://deb.debian.org/debian}
[ "$(id -u)" = 0 ] || { echo "ci-in-fresh-debian: run as root (debootstrap, chroot)" >&2; exit 1; }
command -v debootstrap >/dev/null || { echo "ci-in-fresh-debian: needs debootstrap (apt-get install debootstrap)" >&2; exit 1; }

cleanup() {
  umount "$root/proc" 2>/dev/null || true
  [ "${KEEP:-0}" = 1 ] || rm -rf "$root"
}
rm -rf "$root"
trap cleanup EXIT
echo "ci-in-fresh-debian: debootstrap bookworm (minbase) into $root" >&2
debootstrap --variant=minbase bookworm "$root" "$mirror" >"$root.debootstrap.log" 2>&1 \
  || { tail -5 "$root.debootstrap.log" >&2; exit 1; }
rm -f "$root.debootstrap.log"
mount -t proc proc "$root/proc"
cp /etc/resolv.conf "$root/etc/resolv.conf"
in_root() { chroot "$root" /usr/bin/env -i HOME=/root LANG=C.UTF-8 \
  PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin "$@"; }
if compgen -G "/usr/local/share/ca-certificates/*.crt" >/dev/null; then
  in_root sh -c 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ca-certificates' >/dev/null
  cp /usr/local/share/ca-certificates/*.crt "$root/usr/local/share/ca-certificates/"
  in_root update-ca-certificates >/dev/null
fi
mkdir -p "$root/work"
git clone -q "$repo" "$root/work/main"
[ -d "$repo/../shared" ] && cp -r "$repo/../shared" "$root/work/shared"
echo "ci-in-fresh-debian: .ci/run in the chroot" >&2
rc=0
in_root /bin/bash -c 'cd /work/main && .ci/run' || rc=$?
echo "ci-in-fresh-debian: .ci/run exited $rc" >&2
exit $rc
