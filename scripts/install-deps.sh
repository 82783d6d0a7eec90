#!/usr/bin/env bash
# install-deps.sh - installs the Debian packages the demo and the tests use, when any is missing.
# Needs root for apt-get (CI runs as root); prints what it would install otherwise.
#   libubootenv-tool  fw_printenv / fw_setenv: the real peer of our U-Boot env code
#   e2fsprogs         mke2fs / debugfs: the demo's ext4 images and their health check
#   zstd              the demo's compressed image
#   python3           the demo's status checks and its flaky HTTP server
#   openssl           test certificates for the TLS / mutual TLS tests
#   the real-bootloader suites (tests/.../boot): qemu-system-arm, qemu-system-x86 and u-boot-qemu (U-Boot
#   under QEMU), u-boot-tools (mkimage), grub-emu and grub-common (grub-emu, grub-editenv), efibootmgr;
#   their disk images: fdisk (sfdisk), dosfstools (mkfs.vfat), mtools (mcopy);
#   squashfs-tools    the Raspberry Pi boot-partition hook's squashfs roots (unsquashfs, mksquashfs)
set -euo pipefail
need=()
command -v fw_printenv >/dev/null 2>&1 || need+=(libubootenv-tool)
{ command -v mke2fs || [ -x /usr/sbin/mke2fs ] || [ -x /sbin/mke2fs ]; } >/dev/null 2>&1 || need+=(e2fsprogs)
{ command -v debugfs || [ -x /usr/sbin/debugfs ] || [ -x /sbin/debugfs ]; } >/dev/null 2>&1 || need+=(e2fsprogs)
command -v zstd >/dev/null 2>&1 || need+=(zstd)
command -v python3 >/dev/null 2>&1 || need+=(python3)
{ command -v nginx || [ -x /usr/sbin/nginx ]; } >/dev/null 2>&1 || need+=(nginx)
command -v openssl >/dev/null 2>&1 || need+=(openssl)
command -v mvn >/dev/null 2>&1 || need+=(maven)
command -v javac >/dev/null 2>&1 || need+=(openjdk-17-jdk-headless)  # maven brings a JRE only
has() { command -v "$1" >/dev/null 2>&1 || [ -x "/usr/sbin/$1" ] || [ -x "/sbin/$1" ]; }
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
