package io.hostapp.updater.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Capacity of a block device from sysfs ({@code /sys/class/block/NAME/size} counts 512-byte sectors). */
final class BlockDeviceSize {
    private BlockDeviceSize() {
    }

    static long of(Path device) throws IOException {
        Path real = device.toRealPath();
        Path sys = Path.of("/sys/class/block", real.getFileName().toString(), "size");
        if (!Files.exists(sys)) {
            throw new IOException(device + ": size unknown (not a regular file, no " + sys + ")");
        }
        return Long.parseLong(Files.readString(sys).strip()) * 512;
    }
}
