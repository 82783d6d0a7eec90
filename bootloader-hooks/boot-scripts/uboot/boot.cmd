# hostapp-update boot script for U-Boot: DESIGN.md's boot-counting A/B scheme (UBOOT-ENV.md section 4).
# Make boot.scr with:  mkimage -A arm64 -O linux -T script -C none -n hostapp -d boot.cmd boot.scr
#
# Board parameters: U-Boot env variables set before this script runs (board default env, the env the
# updater keeps, or a few setenv lines put in front of this file when the board has no env storage).
#   hostapp_devtype, hostapp_devpart  where boot.scr and the state file are      [${devtype}, ${devnum}:${distro_bootpart}]
#   hostapp_statefile   when set, the scheme's variables live in this file (a single-copy U-Boot env,
#                       CRC-checked: env import -c / env export -c + fatwrite); when unset, in U-Boot's own
#                       env, written back with saveenv                                      [unset]
#   hostapp_statesize   size of that file                                                    [0x4000]
#   hostapp_addr        RAM scratch address for it                                           [${kernel_addr_r}]
#   hostapp_root_a, hostapp_root_b    root= of each slot                     [PARTLABEL=root-a, PARTLABEL=root-b]
#   hostapp_part_a, hostapp_part_b    devtype and dev:part of each slot's root filesystem    [unset]
#   hostapp_bootargs    kernel arguments before root= and hostapp.slot=                      [${bootargs}]
#   hostapp_boot        command that starts the kernel of ${slot}: the default loads /boot/Image from
#                       ${hostapp_part} and runs booti with U-Boot's device tree
# Counters stay single decimal digits: setexpr is hexadecimal (and missing on some builds), so bootcount
# is incremented by an if-chain. When the kernel does not start, the script resets: the next boot counts.

echo "hostapp: boot script"
if test -z "${hostapp_devtype}"; then setenv hostapp_devtype "${devtype}"; fi
if test -z "${hostapp_devpart}"; then setenv hostapp_devpart "${devnum}:${distro_bootpart}"; fi
if test -z "${hostapp_statesize}"; then setenv hostapp_statesize 0x4000; fi
if test -z "${hostapp_addr}"; then setenv hostapp_addr "${kernel_addr_r}"; fi
if test -z "${hostapp_root_a}"; then setenv hostapp_root_a PARTLABEL=root-a; fi
if test -z "${hostapp_root_b}"; then setenv hostapp_root_b PARTLABEL=root-b; fi
if test -z "${hostapp_bootargs}"; then setenv hostapp_bootargs "${bootargs}"; fi
if test -z "${hostapp_boot}"; then
  setenv hostapp_boot 'load ${hostapp_part} ${kernel_addr_r} /boot/Image && booti ${kernel_addr_r} - ${fdtcontroladdr}'
fi

setenv hostapp_state ok
if test -n "${hostapp_statefile}"; then
  setenv hostapp_state invalid
  if load ${hostapp_devtype} ${hostapp_devpart} ${hostapp_addr} ${hostapp_statefile}; then
    if env import -c ${hostapp_addr} ${hostapp_statesize} slot fallback_slot upgrade_available bootcount bootlimit rollback; then
      setenv hostapp_state ok
    fi
  fi
fi
if test "${hostapp_state}" != "ok" || test -z "${slot}"; then
  echo "hostapp: no valid state (${hostapp_statefile}): defaults, slot a"
  setenv slot a
  setenv fallback_slot a
  setenv upgrade_available 0
  setenv bootcount 0
  setenv bootlimit 3
fi
echo "hostapp: state slot=${slot} fallback_slot=${fallback_slot} upgrade_available=${upgrade_available} bootcount=${bootcount} bootlimit=${bootlimit}"

if test "${upgrade_available}" = "1"; then
  if test -z "${bootcount}" || test "${bootcount}" = "0"; then setenv bootcount 1
  elif test "${bootcount}" = "1"; then setenv bootcount 2
  elif test "${bootcount}" = "2"; then setenv bootcount 3
  elif test "${bootcount}" = "3"; then setenv bootcount 4
  elif test "${bootcount}" = "4"; then setenv bootcount 5
  elif test "${bootcount}" = "5"; then setenv bootcount 6
  elif test "${bootcount}" = "6"; then setenv bootcount 7
  elif test "${bootcount}" = "7"; then setenv bootcount 8
  elif test "${bootcount}" = "8"; then setenv bootcount 9
  else setenv bootcount 10; fi
  if test ${bootcount} -gt ${bootlimit}; then
    echo "hostapp: fallback from slot ${slot} to ${fallback_slot} (bootcount ${bootcount} > bootlimit ${bootlimit})"
    setenv slot ${fallback_slot}
    setenv upgrade_available 0
    setenv bootcount 0
    setenv rollback 1
  fi
  if test -n "${hostapp_statefile}"; then
    env export -c -s ${hostapp_statesize} ${hostapp_addr} slot fallback_slot upgrade_available bootcount bootlimit rollback
    if fatwrite ${hostapp_devtype} ${hostapp_devpart} ${hostapp_addr} ${hostapp_statefile} ${hostapp_statesize}; then
      echo "hostapp: state saved"
    else
      echo "hostapp: could not save the state"
    fi
  else
    saveenv
  fi
fi

if test "${slot}" = "b"; then
  setenv hostapp_root ${hostapp_root_b}
  setenv hostapp_part ${hostapp_part_b}
else
  setenv hostapp_root ${hostapp_root_a}
  setenv hostapp_part ${hostapp_part_a}
fi
setenv bootargs "${hostapp_bootargs} root=${hostapp_root} hostapp.slot=${slot}"
echo "hostapp: booting slot ${slot} (bootcount ${bootcount}, bootlimit ${bootlimit}) bootargs: ${bootargs}"
run hostapp_boot
echo "hostapp: slot ${slot} did not start; resetting"
reset
