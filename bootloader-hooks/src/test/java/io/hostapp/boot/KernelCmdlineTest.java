package io.hostapp.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelCmdlineTest {
    private static final Map<Slot, List<String>> IDS = Map.of(
            Slot.A, List.of("PARTLABEL=root-a", "/dev/mmcblk0p2"),
            Slot.B, List.of("/dev/disk/by-partlabel/root-b", "/dev/mmcblk0p3", "PARTUUID=1234ABCD-03"));
    private final KernelCmdline k = new KernelCmdline(KernelCmdline.PROC_CMDLINE, IDS);

    private String error(String cmdline) {
        return assertThrows(BootException.class, () -> k.slotOf(cmdline)).getMessage();
    }

    @Test
    void hostappSlotIsPreferred() throws Exception {
        assertEquals(Slot.B, k.slotOf("console=ttyS0 root=/dev/mmcblk0p2 hostapp.slot=b rw\n"));
        assertEquals(Slot.A, k.slotOf("hostapp.slot=A"));
        assertEquals(Slot.B, k.slotOf("hostapp.slot=a quiet hostapp.slot=b"), "last one wins, like the kernel");
    }

    @Test
    void rootIsMatchedAgainstSlotIdentifiersInAnySpelling() throws Exception {
        assertEquals(Slot.A, k.slotOf("console=ttyS0,115200 root=PARTLABEL=root-a rootwait"));
        assertEquals(Slot.A, k.slotOf("root=/dev/disk/by-partlabel/root-a"));
        assertEquals(Slot.A, k.slotOf("root=/dev/mmcblk0p2"));
        assertEquals(Slot.B, k.slotOf("root=PARTLABEL=root-b"));
        assertEquals(Slot.B, k.slotOf("root=/dev/disk/by-partuuid/1234abcd-03"), "UUIDs ignore case");
        assertEquals(Slot.B, k.slotOf("root=/dev/mmcblk0p2 root=/dev/mmcblk0p3"), "last root= wins");
    }

    @Test
    void quotesAndDoubleDash() throws Exception {
        assertEquals(List.of("a=b c", "d", "--", "e"), KernelCmdline.split(" \"a=b c\"  d -- e\n"));
        assertEquals(Slot.A, k.slotOf("opt=\"x hostapp.slot=b\" root=/dev/mmcblk0p2"));
        assertEquals(Slot.A, k.slotOf("root=/dev/mmcblk0p2 -- hostapp.slot=b"), "init's arguments are not the kernel's");
    }

    @Test
    void clearErrors() {
        assertEquals("neither hostapp.slot= nor root= is present", error("console=ttyS0 quiet"));
        assertEquals("hostapp.slot=c is not a slot (want a or b)", error("hostapp.slot=c root=/dev/mmcblk0p2"));
        assertEquals("root=/dev/sda5 matches no slot (a: PARTLABEL=root-a, /dev/mmcblk0p2; b: "
                + "/dev/disk/by-partlabel/root-b, /dev/mmcblk0p3, PARTUUID=1234ABCD-03) and there is no hostapp.slot=",
                error("root=/dev/sda5"));
        assertThrows(IllegalArgumentException.class, () -> new KernelCmdline(Path.of("x"),
                Map.of(Slot.A, List.of("PARTLABEL=r"), Slot.B, List.of("/dev/disk/by-partlabel/r"))));
    }

    @Test
    void readsTheGivenFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("cmdline");
        Files.writeString(f, "root=PARTLABEL=root-b ro\n");
        assertEquals(Slot.B, new KernelCmdline(f, IDS).bootedSlot());
        assertEquals("kernel cmdline (" + f + "): no hostapp.slot=, and root=PARTLABEL=root-b cannot be matched:"
                + " no root identifiers are configured for the slots",
                assertThrows(BootException.class, () -> new KernelCmdline(f).bootedSlot()).getMessage());
        assertTrue(assertThrows(BootException.class, () -> new KernelCmdline(dir.resolve("none")).bootedSlot())
                .getMessage().startsWith("kernel cmdline: cannot read "));
    }
}
