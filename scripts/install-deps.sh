#!/usr/bin/env bash
# install-deps.sh - installs the Debian packages the demo and the tests use, when any is missing.
# Needs root for apt-get (CI runs as root); prints what it would install otherwise.
#   libubootenv-tool  fw_printenv / fw_setenv: the real peer of our U-Boot env code
#   e2fsprogs         mke2fs / debugfs: the demo's ext4 images and their health check
#   zstd              the demo's compressed image
#   python3           the demo's status checks and its flaky HTTP server
#   openssl           test certificates for the TLS / mutual TLS tests
#   maven, openjdk-17-jdk-headless  the build (Debian's maven brings a JRE only, without javac)
#   the real-bootloader suites (tests/.../boot): qemu-system-arm, qemu-system-x86 and u-boot-qemu (U-Boot
#   under QEMU), u-boot-tools (mkimage), grub-emu and grub-common (grub-emu, grub-editenv), efibootmgr;
#   their disk images: fdisk (sfdisk), dosfstools (mkfs.vfat), mtools (mcopy);
#   squashfs-tools    the Raspberry Pi boot-partition hook's squashfs roots (unsquashfs, mksquashfs)
set -euo pipefail
need=()
# has TOOL: on PATH, or in /usr/sbin or /sbin (not on a non-root PATH)
has() { command -v "$1" >/dev/null 2>&1 || [ -x "/usr/sbin/$1" ] || [ -x "/sbin/$1" ]; }
has fw_printenv || need+=(libubootenv-tool)
{ has mke2fs && has debugfs; } || need+=(e2fsprogs)
has zstd || need+=(zstd)
has python3 || need+=(python3)
has nginx || need+=(nginx)
has openssl || need+=(openssl)
has mvn || need+=(maven)
has javac || need+=(openjdk-17-jdk-headless)
has qemu-system-aarch64 || need+=(qemu-system-arm)
has qemu-system-x86_64 || need+=(qemu-system-x86)
{ [ -f /usr/lib/u-boot/qemu_arm64/u-boot.bin ] && [ -f /usr/lib/u-boot/qemu-x86_64/u-boot.rom ]; } || need+=(u-boot-qemu)
has mkimage || need+=(u-boot-tools)
has grub-emu || need+=(grub-emu)
has grub-editenv || need+=(grub-common)
has efibootmgr || need+=(efibootmgr)
has sfdisk || need+=(fdisk)
has mkfs.vfat || need+=(dosfstools)
{ has mcopy && has mtype; } || need+=(mtools)
{ has mksquashfs && has unsquashfs; } || need+=(squashfs-tools)
[ ${#need[@]} -eq 0 ] && exit 0
mapfile -t need < <(printf '%s\n' "${need[@]}" | sort -u)
if [ "$(id -u)" != 0 ]; then
  echo "install-deps: missing packages: ${need[*]} (run as root, or: sudo apt-get install ${need[*]})" >&2
  exit 1
fi
echo "install-deps: installing ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
