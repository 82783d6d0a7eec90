package io.hostapp.updater.board;

import io.hostapp.boot.Slot;
import io.hostapp.updater.health.HealthPolicy;

import java.util.List;
import java.util.Map;

/**
 * One board family, as loaded from {@code boards/NAME.json} (schema in {@code boards/README.md}).
 * Paths are as written in the file: absolute on a real board, relative to the device directory on a
 * simulated one ({@link #simulated()}); {@link io.hostapp.updater.device.Device} resolves them.
 *
 * @param name          board family name; payloads for another board are refused
 * @param simulated     true for file-backed slots and bootloader storage inside a device directory
 * @param slots         slot a and slot b
 * @param bootloader    backend and its parameters
 * @param cmdline       where the booted slot is read (the kernel command line)
 * @param dataDir       the state directory (journal, lock)
 * @param rebootCommand what reboots a real device
 * @param hooksDir      executables run around an install (phases in subdirectories), or null
 * @param health        health checks and their window
 */
public record Board(String name, String description, boolean simulated, Map<Slot, SlotSpec> slots,
                   BootloaderSpec bootloader, String cmdline, String dataDir, List<String> rebootCommand,
                   String hooksDir, HealthPolicy health) {

    /** One root filesystem slot. {@code size} is -1 when the device's own size is to be used. */
    public record SlotSpec(String device, long size, String root) {
    }

    /** One copy of the U-Boot env: device, byte offset, env size (fw_env.config columns). */
    public record EnvCopySpec(String device, long offset, long size) {
    }

    /**
     * The bootloader section: the backend ({@code type}), the boot limit every backend shares, and the
     * backend's own parameters.
     */
    public record BootloaderSpec(String type, int bootLimit, BootloaderParams params) {
        /** The U-Boot env copies (empty for other backends). */
        public List<EnvCopySpec> env() {
            return params instanceof UbootParams u ? u.env() : List.of();
        }
    }

    /** A backend's parameters, one record per {@code bootloader.type}. */
    public sealed interface BootloaderParams
            permits UbootParams, GrubParams, TrybootParams, EfiParams, CustomParams, NoopParams {
    }

    /**
     * {@code uboot}: env copies; {@code variables} renames the scheme's variables (key: default name, value:
     * this board's name); {@code slotValues} maps each slot to the value written into the slot variables.
     */
    public record UbootParams(List<EnvCopySpec> env, Map<String, String> variables, Map<Slot, String> slotValues)
            implements BootloaderParams {
    }

    /** {@code grub}: the grubenv file, and the same renames as U-Boot. */
    public record GrubParams(String envFile, Map<String, String> variables, Map<Slot, String> slotValues)
            implements BootloaderParams {
    }

    /** {@code tryboot}: autoboot.txt, each slot's boot partition, the firmware's device-tree report. */
    public record TrybootParams(String autoboot, Map<Slot, Integer> partitions, String deviceTree)
            implements BootloaderParams {
    }

    /** {@code efi}: the efivarfs directory and each slot's boot entry number. */
    public record EfiParams(String efivars, Map<Slot, Integer> bootEntries) implements BootloaderParams {
    }

    /** {@code custom}: the external program (and leading arguments) and its per-call timeout. */
    public record CustomParams(List<String> program, int timeoutSeconds) implements BootloaderParams {
    }

    /** {@code noop}: nothing. */
    public record NoopParams() implements BootloaderParams {
    }
}
