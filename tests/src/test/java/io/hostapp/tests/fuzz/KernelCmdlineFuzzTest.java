package io.hostapp.tests.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.hostapp.boot.BootException;
import io.hostapp.boot.KernelCmdline;
import io.hostapp.boot.Slot;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The kernel command line as hostile text: {@link KernelCmdline#slotOf}, which decides which slot the
 * device booted (and so which slot an update may overwrite).
 *
 * <p>Input: one control byte (bits 0-1: the slots' root identifiers, from none to the by-partlabel,
 * PARTUUID and device-node forms board files use), then the command line (UTF-8, malformed sequences
 * replaced, as the JDK reads /proc/cmdline).
 *
 * <p>Only {@link BootException} may escape. Checked: for a line without quotes and without {@code --},
 * appending {@code hostapp.slot=X} makes the answer X (the last occurrence wins, as in the kernel); a
 * {@code root=} that is one of the configured identifiers, appended the same way to a line without
 * {@code hostapp.slot=}, names its slot.
 */
class KernelCmdlineFuzzTest extends FuzzTarget {
    private static final List<Map<Slot, List<String>>> ROOT_IDS = List.of(
            Map.of(),
            Map.of(Slot.A, List.of("PARTLABEL=root-a"), Slot.B, List.of("PARTLABEL=root-b")),
            Map.of(Slot.A, List.of("/dev/mmcblk0p2", "PARTUUID=1234abcd-02"),
                    Slot.B, List.of("/dev/mmcblk0p3", "PARTUUID=1234abcd-03")),
            Map.of(Slot.A, List.of("/dev/disk/by-partlabel/root-a", "LABEL=rootA"),
                    Slot.B, List.of("/dev/disk/by-partlabel/root-b", "UUID=0F0E-ABCD")));

    /** Whether a token is exactly "--", splitting on whitespace as {@link KernelCmdline} does. */
    private static boolean hasEndOfOptions(String line) {
        int start = -1;
        for (int i = 0; i <= line.length(); i++) {
            boolean space = i == line.length() || Character.isWhitespace(line.charAt(i));
            if (space && start >= 0) {
                if (line.substring(start, i).equals("--")) {
                    return true;
                }
                start = -1;
            } else if (!space && start < 0) {
                start = i;
            }
        }
        return false;
    }

    @FuzzTest(maxDuration = "20s")
    void kernelCmdline(byte[] bytes) {
        execution();
        FuzzInput in = new FuzzInput(bytes);
        Map<Slot, List<String>> ids = ROOT_IDS.get(in.u8() & 3);
        String line = new String(in.rest(), StandardCharsets.UTF_8);
        KernelCmdline cmdline = new KernelCmdline(Path.of("/nonexistent/cmdline"), ids);
        try {
            Slot s = cmdline.slotOf(line);
            Check.that(s != null, "slotOf returned null for " + line);
        } catch (BootException e) {
            Check.that(e.getMessage() != null && (!e.getMessage().contains("\n") || line.contains("\n")),
                    "multi-line error for a one-line cmdline: " + e.getMessage());
        }
        if (line.indexOf('"') >= 0 || hasEndOfOptions(line)) {
            return; // an open quote swallows what is appended; after "--" it belongs to init
        }
        for (Slot want : Slot.values()) {
            String tail = " " + KernelCmdline.SLOT_PARAM + "=" + want.name().toLowerCase();
            try {
                Slot got = cmdline.slotOf(line + tail);
                Check.that(got == want, "'" + line + tail + "' gave slot " + got);
            } catch (BootException e) {
                throw new AssertionError("'" + line + tail + "' refused: " + e.getMessage(), e);
            }
            if (line.contains(KernelCmdline.SLOT_PARAM + "=")) {
                continue;
            }
            for (String id : ids.getOrDefault(want, List.of())) {
                try {
                    Slot got = cmdline.slotOf(line + " root=" + id);
                    Check.that(got == want, "'" + line + " root=" + id + "' gave slot " + got);
                } catch (BootException e) {
                    throw new AssertionError("'" + line + " root=" + id + "' refused: " + e.getMessage(), e);
                }
            }
        }
    }
}
