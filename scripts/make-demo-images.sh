#!/usr/bin/env bash
# make-demo-images.sh OUTDIR - build the small, real ext4 root filesystem images the demo installs.
#
#   v1.img                      factory image (slot a)
#   v2.img.zst (+ .manifest.json)  healthy release: zstd-compressed, with length/SHA-256/board sidecar
#   v3.img     (+ .manifest.json)  broken release: its own /etc/hostapp/health-check exits 1
#
# Each image carries /etc/os-release and /etc/hostapp/health-check; the sim-uboot board's health check
# reads that script out of the *booted* slot with debugfs and runs it, so the verdict comes from the
# image's own content. Built without root (mke2fs -d), with fixed UUIDs and hash seed.
set -euo pipefail
out=${1:?usage: make-demo-images.sh OUTDIR}
board=${BOARD:-sim-uboot}
size=${SIZE_MB:-8}
export PATH=$PATH:/usr/sbin:/sbin
export E2FSPROGS_FAKE_TIME=1700000000
mkdir -p "$out"
tree=$(mktemp -d); trap 'rm -rf "$tree"' EXIT

make_image() { # VERSION HEALTHY(0/1)
  local v=$1 healthy=$2 t="$tree/$1"
  mkdir -p "$t/etc/hostapp" "$t/usr/bin" "$t/var/lib"
  printf 'NAME="hostapp demo OS"\nVERSION_ID=%s\nIMAGE_VERSION=%s\n' "$v" "$v" > "$t/etc/os-release"
  if [ "$healthy" = 1 ]; then
    printf '#!/bin/sh\necho "%s: engine up, containers running"\nexit 0\n' "$v" > "$t/etc/hostapp/health-check"
  else
    printf '#!/bin/sh\necho "%s: app container failed to start"\nexit 1\n' "$v" > "$t/etc/hostapp/health-check"
  fi
  chmod 755 "$t/etc/hostapp/health-check"
  # Some bulk so the images are not trivially small: a few MiB of per-release data.
  seq 1 200000 | sed "s/$/ release $v/" > "$t/var/lib/payload-$v.txt"
  rm -f "$out/$v.img"
  mke2fs -q -t ext4 -F -L "root-$v" -U 6f3a4e2c-0000-4000-8000-0000000000${v: -1}0 \
    -E hash_seed=6f3a4e2c-0000-4000-8000-000000000001 -d "$t" "$out/$v.img" "${size}M" >/dev/null
}

manifest() { # FILE IMAGE VERSION
  local len sha
  len=$(stat -c %s "$2"); sha=$(sha256sum "$2" | cut -d' ' -f1)
  printf '{\n  "format": "hostapp-image-manifest",\n  "length": %s,\n  "sha256": "%s",\n  "release": "%s",\n  "board": "%s"\n}\n' \
    "$len" "$sha" "$3" "$board" > "$1.manifest.json"
}

make_image v1 1
make_image v2 1
make_image v3 0
zstd -q -f -19 "$out/v2.img" -o "$out/v2.img.zst"
manifest "$out/v2.img.zst" "$out/v2.img" v2
manifest "$out/v3.img" "$out/v3.img" v3
ls -l "$out"
