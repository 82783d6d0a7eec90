#!/bin/sh
# hostapp-boot-file.sh - an example program for hostapp-update's custom bootloader backend (CUSTOM.md).
# It keeps DESIGN.md's boot-counting variables as name=value lines in a state file that a bootloader
# (or a simulated one) reads at boot, and answers the custom backend's verbs:
#
#   hostapp-boot-file.sh STATEFILE CMDLINE VERB [SLOT [LIMIT]]
#     booted | primary | state SLOT | fallback-reported | try SLOT LIMIT | mark-good SLOT | mark-bad SLOT
#
# STATEFILE holds slot, fallback_slot, upgrade_available, bootcount, bootlimit, rollback; CMDLINE is the
# kernel command line (/proc/cmdline), where the bootloader put hostapp.slot=. Writes are atomic: a temp
# file, sync, rename. Exit 0 on success; 2 for a bad call; 1 when the state is unreadable.
set -eu
[ $# -ge 3 ] || { echo "usage: $0 STATEFILE CMDLINE VERB [SLOT [LIMIT]]" >&2; exit 2; }
state=$1 cmdline=$2 verb=$3
shift 3

get() { [ -f "$state" ] && sed -n "s/^$1=//p" "$state" | tail -n 1 || true; }
other() { if [ "$1" = a ]; then echo b; else echo a; fi; }
need_slot() {
  case "${1:-}" in a|b) ;; *) echo "'${1:-}' is not a slot (a or b)" >&2; exit 2 ;; esac
}
# set NAME=VALUE...: one atomic rewrite of the state file
set_vars() {
  tmp="$state.tmp.$$"
  [ -f "$state" ] && cp "$state" "$tmp" || : > "$tmp"
  for kv in "$@"; do
    name=${kv%%=*}
    grep -v "^$name=" "$tmp" > "$tmp.1" || true
    printf '%s\n' "$kv" >> "$tmp.1"
    mv "$tmp.1" "$tmp"
  done
  sync "$tmp" 2>/dev/null || sync
  mv "$tmp" "$state"
  sync "$(dirname "$state")" 2>/dev/null || sync
}

slot=$(get slot) fallback=$(get fallback_slot) armed=$(get upgrade_available)
case "$verb" in
  booted)
    s=$(tr ' ' '\n' < "$cmdline" | sed -n 's/^hostapp\.slot=//p' | tail -n 1)
    need_slot "$s"; echo "$s" ;;
  primary)
    [ -n "$slot" ] || { echo "$state: no slot= (state unreadable)" >&2; exit 1; }
    echo "$slot" ;;
  state)
    need_slot "${1:-}"
    if [ "$slot" = "$1" ]; then
      if [ "$armed" = 1 ]; then echo trying; else echo good; fi
    elif [ "$fallback" = "$1" ]; then echo fallback
    else echo bad; fi ;;
  fallback-reported)
    if [ "$(get rollback)" = 1 ]; then echo yes; else echo no; fi ;;
  try)
    need_slot "${1:-}"
    case "${2:-}" in [1-9]) ;; *) echo "boot limit '${2:-}' is not 1..9" >&2; exit 2 ;; esac
    set_vars "slot=$1" "fallback_slot=$(other "$1")" upgrade_available=1 bootcount=0 "bootlimit=$2" rollback=0 ;;
  mark-good)
    need_slot "${1:-}"
    fb=$fallback
    if [ "$armed" = 1 ] && [ "$slot" != "$1" ]; then fb=$1
    elif [ "$armed" != 1 ] && [ -n "$slot" ] && [ "$slot" != "$1" ]; then fb=$slot; fi
    set_vars "slot=$1" "fallback_slot=${fb:-$1}" upgrade_available=0 bootcount=0 rollback=0 ;;
  mark-bad)
    need_slot "${1:-}"
    o=$(other "$1")
    if [ "$armed" = 1 ] && [ "$slot" = "$1" ]; then
      set_vars "slot=$o" "fallback_slot=$o" upgrade_available=0 bootcount=0
    elif [ "$slot" = "$1" ] || [ -z "$slot" ]; then
      set_vars "slot=$o" "fallback_slot=$o"
    elif [ "$armed" != 1 ] && [ "$fallback" = "$1" ]; then
      set_vars "fallback_slot=$slot"
    fi ;;
  *)
    echo "unknown verb '$verb' (booted, primary, state, fallback-reported, try, mark-good, mark-bad)" >&2; exit 2 ;;
esac
