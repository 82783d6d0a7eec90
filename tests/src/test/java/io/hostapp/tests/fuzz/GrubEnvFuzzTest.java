package io.hostapp.tests.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.hostapp.boot.BootException;
import io.hostapp.boot.GrubBackend;
import io.hostapp.boot.KernelCmdline;
import io.hostapp.boot.Slot;
import io.hostapp.boot.grub.GrubEnv;
import io.hostapp.boot.grub.GrubEnvFile;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The GRUB env block ({@code grubenv}) as hostile bytes: {@link GrubEnv#decode}, and the {@link GrubBackend}
 * verbs over a {@link GrubEnvFile} holding them.
 *
 * <p>Input: one control byte (bits 0-2: the verb; bit 3: the harness pads or cuts the block to exactly 1024
 * bytes with '#', so mutations that change the length still reach the parser; bits 4-5: the variable names,
 * see {@link BootSchemes}), then the file content.
 *
 * <p>Only {@link BootException} may escape. Checked: a block that decodes and re-encodes decodes to the same
 * variables; after a verb that wrote, the file is a 1024-byte block that decodes.
 */
class GrubEnvFuzzTest extends FuzzTarget {
    private static final Path FILE = Path.of("/boot/grub/grubenv");

    @FuzzTest(maxDuration = "20s")
    void grubEnv(byte[] bytes) {
        execution();
        FuzzInput in = new FuzzInput(bytes);
        int control = in.u8();
        byte[] block = in.rest();
        if ((control & 8) != 0) {
            int n = block.length;
            block = Arrays.copyOf(block, GrubEnv.SIZE);
            if (n < GrubEnv.SIZE) {
                Arrays.fill(block, n, GrubEnv.SIZE, (byte) '#');
            }
        }
        try {
            Map<String, String> vars = GrubEnv.decode(block);
            byte[] again;
            try {
                again = GrubEnv.encode(vars);
            } catch (BootException e) {
                again = null; // e.g. a non-ASCII name another tool wrote: readable, not writable back
            }
            if (again != null) {
                Check.that(again.length == GrubEnv.SIZE, "encode gave " + again.length + " bytes");
                Check.that(GrubEnv.decode(again).equals(vars), "decode/encode/decode changed " + vars);
            }
        } catch (BootException e) {
            // typed
        }

        MemoryBootFiles files = new MemoryBootFiles().put(FILE, block);
        GrubBackend backend = new GrubBackend(new GrubEnvFile(FILE, files), BootSchemes.pick(control >> 4),
                new KernelCmdline(Path.of("/nonexistent/cmdline"), Map.of(Slot.A, List.of(), Slot.B, List.of())));
        try {
            backend.state(Slot.A);
            backend.state(Slot.B);
            backend.fallbackReported();
            backend.primarySlot();
        } catch (BootException e) {
            // typed
        }
        try {
            switch (control & 7) {
                case 0 -> backend.tryOnce(Slot.A, 3);
                case 1 -> backend.tryOnce(Slot.B, 9);
                case 2 -> backend.markGood(Slot.A);
                case 3 -> backend.markGood(Slot.B);
                case 4 -> backend.markBad(Slot.A);
                case 5 -> backend.markBad(Slot.B);
                default -> GrubBackend.initialize(new GrubEnvFile(FILE, files), BootSchemes.pick(control >> 4), Slot.A);
            }
        } catch (BootException e) {
            // typed
        }
        byte[] after = files.get(FILE);
        if (!Arrays.equals(after, block)) {
            Check.that(after.length == GrubEnv.SIZE, "the written grubenv is " + after.length + " bytes");
            try {
                GrubEnv.decode(after);
            } catch (BootException e) {
                throw new AssertionError("the written grubenv does not decode: " + e.getMessage(), e);
            }
        }
    }
}
