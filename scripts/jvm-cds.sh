# Sourced by the launchers (scripts/hostapp-update, scripts/hostapp-delta): application class-data
# sharing (AppCDS). Sets cds_opts for the JVM that runs JAR.
#
# The first run with a given jar and JVM writes, at its exit, an archive of the classes it loaded
# (-XX:ArchiveClassesAtExit); later runs map that archive (-XX:SharedArchiveFile) instead of loading,
# parsing and verifying those classes again (BENCHMARKS.md, "Installs on a device": `hostapp-update
# check` and `status`); on a device that also shortens the boot-time `boot-check`. The archive holds the
# classes of the run that wrote it, the first one with this jar and JVM; another command finds in it
# only the classes the two share, and loads the rest as without an archive.
#
#   HOSTAPP_CDS=0      no archive (neither written nor used)
#   HOSTAPP_CDS_DIR    where archives live (default: /var/cache/hostapp-update for root, else
#                      $XDG_CACHE_HOME/hostapp-update or ~/.cache/hostapp-update); not writable: no archive
#
# An archive is named after the jar (path, size, mtime) and the JVM (its real path, size, mtime), so a new
# jar or JDK gets a new one. It is written to NAME.PID.tmp and renamed to NAME by a later launch once
# process PID has ended, so a reader never sees one half-written. The JVM checks an archive before using
# it (its own version, the jar's size and mtime) and runs without it if the check fails, as it does with
# a file truncated by a power cut; CDS messages are turned off (-Xlog:cds*=off), so commands print the
# same output with or without an archive. The JVM needs no archive to be correct, only to start faster.
#
# usage: . jvm-cds.sh; cds_setup NAME JAR   ->   cds_opts
cds_setup() {
  cds_opts=""
  [ "${HOSTAPP_CDS:-1}" = 0 ] && return 0
  _cds_java=$(command -v "${JAVA:-java}" 2>/dev/null) || return 0
  _cds_java=$(readlink -f "$_cds_java" 2>/dev/null) || return 0
  if [ -n "${HOSTAPP_CDS_DIR:-}" ]; then
    _cds_dir=$HOSTAPP_CDS_DIR
  elif [ "$(id -u)" = 0 ]; then
    _cds_dir=/var/cache/hostapp-update
  else
    _cds_dir=${XDG_CACHE_HOME:-${HOME:-/nonexistent}/.cache}/hostapp-update
  fi
  mkdir -p "$_cds_dir" 2>/dev/null && [ -w "$_cds_dir" ] || return 0
  _cds_key=$(printf '%s\n' "$2" "$(stat -L -c '%s %Y' "$2")" "$_cds_java" "$(stat -L -c '%s %Y' "$_cds_java")" \
    | cksum | cut -d' ' -f1)
  _cds_archive=$_cds_dir/$1-$_cds_key.jsa
  for _cds_tmp in "$_cds_archive".*.tmp; do
    [ -e "$_cds_tmp" ] || continue
    _cds_pid=${_cds_tmp%.tmp}
    _cds_pid=${_cds_pid##*.}
    kill -0 "$_cds_pid" 2>/dev/null || mv -f "$_cds_tmp" "$_cds_archive" 2>/dev/null || true
  done
  if [ -s "$_cds_archive" ]; then
    cds_opts="-XX:SharedArchiveFile=$_cds_archive -Xlog:cds*=off"
  else
    # $$ is this shell's PID, which exec hands on to the JVM
    cds_opts="-XX:ArchiveClassesAtExit=$_cds_archive.$$.tmp -Xlog:cds*=off"
  fi
}
