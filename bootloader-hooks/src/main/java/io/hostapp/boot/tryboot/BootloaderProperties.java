package io.hostapp.boot.tryboot;

import io.hostapp.boot.BootException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * What the Raspberry Pi bootloader reports about the current boot, in the device tree:
 * {@code /proc/device-tree/chosen/bootloader/partition} (the partition this boot used) and
 * {@code .../tryboot} (1 while in tryboot mode). Each property is one 32-bit big-endian cell.
 * The directory is configurable so a simulated firmware can serve it.
 */
public final class BootloaderProperties {
    /** Where Linux shows them. */
    public static final Path PROC_CHOSEN_BOOTLOADER = Path.of("/proc/device-tree/chosen/bootloader");

    private final Path dir;

    public BootloaderProperties(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** The boot partition the firmware used for this boot. */
    public int partition() throws BootException {
        return cell("partition");
    }

    /** True while this boot is a tryboot boot. */
    public boolean tryboot() throws BootException {
        return cell("tryboot") == 1;
    }

    private int cell(String name) throws BootException {
        Path p = dir.resolve(name);
        byte[] b;
        try {
            b = Files.readAllBytes(p);
        } catch (NoSuchFileException e) {
            throw new BootException("device tree " + p + ": missing (the firmware did not report it; a bootloader"
                    + " EEPROM with tryboot support sets it)");
        } catch (IOException e) {
            throw new BootException("device tree " + p + ": cannot read: " + e.getMessage(), e);
        }
        if (b.length != 4) {
            throw new BootException("device tree " + p + ": is " + b.length
                    + " bytes, expected one 4-byte big-endian cell");
        }
        return (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff);
    }

    /** One big-endian cell, as the firmware (or a simulated one) writes it. */
    public static byte[] encodeCell(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }
}
