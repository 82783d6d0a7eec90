package io.hostapp.tests.boot;

import io.hostapp.boot.BootVariables;
import io.hostapp.boot.GrubBackend;
import io.hostapp.boot.KernelCmdline;
import io.hostapp.boot.Slot;
import io.hostapp.boot.SlotState;
import io.hostapp.boot.grub.GrubEnv;
import io.hostapp.boot.grub.GrubEnvFile;
import io.hostapp.tests.bootlab.BootLab;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Our GRUB env block code against the real {@code grub-editenv} (grub-common), in both directions. */
@Tag("interop")
class GrubEnvInteropTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void tools() {
        BootLab.requireTools("grub-editenv");
    }

    private List<String> list(Path f) throws Exception {
        return BootLab.tool("grub-editenv", f.toString(), "list").lines().toList();
    }

    @Test
    void grubEditenvReadsWhatWeWrite() throws Exception {
        Path f = dir.resolve("grubenv");
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("slot", "b");
        vars.put("note", "back\\slash");
        vars.put("upgrade_available", "1");
        new GrubEnvFile(f).write(vars);
        assertEquals(List.of("slot=b", "note=back\\slash", "upgrade_available=1"), list(f));
        BootLab.tool("grub-editenv", f.toString(), "set", "bootcount=2");
        assertEquals(List.of("slot=b", "note=back\\slash", "upgrade_available=1", "bootcount=2"), list(f),
                "grub-editenv edits our block in place");
    }

    @Test
    void weReadWhatGrubEditenvWrites() throws Exception {
        Path f = dir.resolve("grubenv");
        BootLab.tool("grub-editenv", f.toString(), "create");
        assertArrayEquals(GrubEnv.empty(), Files.readAllBytes(f), "an empty block is byte for byte ours");
        BootLab.tool("grub-editenv", f.toString(), "set", "slot=a", "saved_entry=hostapp-a", "nl=line1\nline2", "bs=a\\b");
        Map<String, String> got = new GrubEnvFile(f).read();
        assertEquals(Map.of("slot", "a", "saved_entry", "hostapp-a", "nl", "line1\nline2", "bs", "a\\b"), got);
        assertArrayEquals(Files.readAllBytes(f), GrubEnv.encode(got), "and our writer gives the same bytes");
    }

    @Test
    void theBackendsStateSurvivesGrubEditenv() throws Exception {
        Path f = dir.resolve("grubenv");
        BootLab.tool("grub-editenv", f.toString(), "create");
        BootLab.tool("grub-editenv", f.toString(), "set", "saved_entry=hostapp-a");
        Files.writeString(dir.resolve("cmdline"), "hostapp.slot=a\n");
        GrubBackend b = new GrubBackend(new GrubEnvFile(f), BootVariables.DEFAULT, new KernelCmdline(dir.resolve("cmdline")));
        GrubBackend.initialize(new GrubEnvFile(f), BootVariables.DEFAULT, Slot.A);
        b.tryOnce(Slot.B, 2);
        List<String> l = list(f);
        assertEquals("saved_entry=hostapp-a", l.get(0), "foreign variables keep their place");
        assertEquals(true, l.containsAll(List.of("slot=b", "fallback_slot=a", "upgrade_available=1", "bootcount=0",
                "bootlimit=2", "rollback=0")), l.toString());
        BootLab.tool("grub-editenv", f.toString(), "set", "bootcount=3", "slot=a", "upgrade_available=0", "rollback=1");
        assertEquals(true, b.fallbackReported());
        assertEquals(SlotState.BAD, b.state(Slot.B));
        assertNotEquals(SlotState.TRYING, b.state(Slot.A));
    }
}
