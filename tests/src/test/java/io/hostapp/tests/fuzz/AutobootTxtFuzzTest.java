package io.hostapp.tests.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.hostapp.boot.BootException;
import io.hostapp.boot.Slot;
import io.hostapp.boot.TrybootBackend;
import io.hostapp.boot.tryboot.AutobootTxt;
import io.hostapp.boot.tryboot.BootloaderProperties;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The Raspberry Pi {@code autoboot.txt} as hostile bytes: {@link AutobootTxt#parse}, and the
 * {@link TrybootBackend} verbs over it.
 *
 * <p>Input: one control byte (bits 0-2: the verb; bits 3-4: what the firmware reports in the device tree:
 * partition 2 normal boot, partition 3 tryboot, partition 2 tryboot, nothing), then the file content.
 * Slot a boots partition 2, slot b partition 3.
 *
 * <p>Only {@link BootException} may escape. Checked: encoding is stable (parse, encode, parse, encode gives
 * the same bytes); after a verb that wrote, the file is at most 512 bytes and parses.
 */
class AutobootTxtFuzzTest extends FuzzTarget {
    private static final Path FILE = Path.of("/boot/autoboot.txt");
    private static final Map<Slot, Integer> PARTITIONS = Map.of(Slot.A, 2, Slot.B, 3);
    private static final List<BootloaderProperties> FIRMWARE = firmwareReports();

    @FuzzTest(maxDuration = "20s")
    void autobootTxt(byte[] bytes) {
        execution();
        FuzzInput in = new FuzzInput(bytes);
        int control = in.u8();
        byte[] file = in.rest();
        try {
            AutobootTxt txt = AutobootTxt.parse(file);
            txt.get("all", "boot_partition");
            for (String section : List.of("all", "tryboot", "none")) {
                try {
                    txt.partition(section);
                } catch (BootException e) {
                    // typed
                }
            }
            byte[] once = txt.encode();
            byte[] twice = AutobootTxt.parse(once).encode();
            Check.that(Arrays.equals(once, twice), "autoboot.txt encoding is not stable: '" + txt + "'");
        } catch (BootException e) {
            // typed
        }

        MemoryBootFiles files = new MemoryBootFiles().put(FILE, file);
        TrybootBackend backend = new TrybootBackend(FILE, files, FIRMWARE.get((control >> 3) & 3), PARTITIONS);
        try {
            backend.state(Slot.A);
            backend.state(Slot.B);
            backend.fallbackReported();
            backend.primarySlot();
            backend.bootedSlot();
        } catch (BootException e) {
            // typed
        }
        try {
            switch (control & 7) {
                case 0 -> backend.tryOnce(Slot.A, 1);
                case 1 -> backend.tryOnce(Slot.B, 1);
                case 2 -> backend.markGood(Slot.A);
                case 3 -> backend.markGood(Slot.B);
                case 4 -> backend.markBad(Slot.A);
                case 5 -> backend.markBad(Slot.B);
                case 6 -> backend.prepareReboot();
                default -> TrybootBackend.initialize(FILE, files, PARTITIONS, Slot.B);
            }
        } catch (BootException e) {
            // typed
        }
        byte[] after = files.get(FILE);
        if (!Arrays.equals(after, file)) {
            Check.that(after.length <= AutobootTxt.MAX_SIZE, "wrote " + after.length + " bytes of autoboot.txt");
            try {
                AutobootTxt.parse(after);
            } catch (BootException e) {
                throw new AssertionError("the written autoboot.txt does not parse: " + e.getMessage(), e);
            }
        }
    }

    /** Device-tree directories as the firmware leaves them: (partition, tryboot) cells, or none. */
    private static List<BootloaderProperties> firmwareReports() {
        try {
            List<BootloaderProperties> out = new ArrayList<>();
            int[][] reports = {{2, 0}, {3, 1}, {2, 1}};
            for (int[] r : reports) {
                Path dir = Files.createTempDirectory("fuzz-devicetree");
                Files.write(dir.resolve("partition"), BootloaderProperties.encodeCell(r[0]));
                Files.write(dir.resolve("tryboot"), BootloaderProperties.encodeCell(r[1]));
                dir.toFile().deleteOnExit();
                dir.resolve("partition").toFile().deleteOnExit();
                dir.resolve("tryboot").toFile().deleteOnExit();
                out.add(new BootloaderProperties(dir));
            }
            out.add(new BootloaderProperties(Path.of("/nonexistent/device-tree")));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
