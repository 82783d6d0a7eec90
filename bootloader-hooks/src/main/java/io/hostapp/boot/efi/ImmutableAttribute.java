package io.hostapp.boot.efi;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Clears the immutable attribute ({@code chattr -i}) of an efivarfs file. The kernel creates variables it
 * does not know as immutable; they must be made mutable before a rewrite or delete. Clearing it takes the
 * {@code FS_IOC_SETFLAGS} ioctl, which Java 17 cannot issue without native code, so {@link #CHATTR} runs
 * e2fsprogs' {@code chattr}: the one external program the EFI backend uses, and only on a real efivarfs.
 */
@FunctionalInterface
public interface ImmutableAttribute {

    /** Makes {@code file} mutable. */
    void clear(Path file) throws IOException;

    /** {@code chattr -i FILE}, 10 s at most. */
    ImmutableAttribute CHATTR = file -> {
        Process p = new ProcessBuilder("chattr", "-i", file.toString()).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("chattr -i " + file + ": timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("chattr -i " + file + ": interrupted");
        }
        if (p.exitValue() != 0) {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            throw new IOException("chattr -i " + file + " exited " + p.exitValue() + (out.isEmpty() ? "" : ": " + out));
        }
    };
}
