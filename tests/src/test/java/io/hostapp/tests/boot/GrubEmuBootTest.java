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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shipped {@code boot-scripts/grub/hostapp.cfg}, run by GRUB itself ({@code grub-emu}) with the grubenv on
 * a FAT disk image ({@code save_env} cannot write GRUB's host file system). Before each boot our
 * {@link GrubBackend} writes the env (copied in with mtools); after it, reads back what GRUB's
 * {@code save_env} wrote. Each run is wrapped in a timeout and judged by the markers on the console.
 */
@Tag("interop")
class GrubEmuBootTest {
    static final Path FRAGMENT = Path.of("..").toAbsolutePath().normalize()
            .resolve("bootloader-hooks/boot-scripts/grub/hostapp.cfg");

    @TempDir
    Path dir;
    private Path disk;
    private Path cfgDir;
    private Path hostEnv;
    private GrubBackend backend;
    private double seconds;

    @BeforeAll
    static void tools() {
        BootLab.requireTools("grub-emu", "grub-editenv", "mcopy", "mkfs.vfat", "sfdisk");
    }

    @BeforeEach
    void setUp() throws Exception {
        disk = BootLab.fatDisk(dir.resolve("disk.img"), 8, "GRUBENV");
        cfgDir = Files.createDirectories(dir.resolve("grub"));
        Files.copy(FRAGMENT, cfgDir.resolve("hostapp.cfg"));
        // The board's grub.cfg: parameters, the fragment, one menu entry per slot. The entries stand for the
        // kernels: they print what they were given and stop GRUB (a kernel that never comes up).
        Files.writeString(cfgDir.resolve("grub.cfg"), """
                set hostapp_env=(hd0,msdos1)/grubenv
                source ${prefix}/hostapp.cfg
                menuentry "slot a" --id hostapp-a { echo "KERNEL a ${hostapp_args}"; halt; }
                menuentry "slot b" --id hostapp-b { echo "KERNEL b ${hostapp_args}"; halt; }
                """);
        Files.writeString(cfgDir.resolve("device.map"), "(hd0) " + disk + "\n");
        hostEnv = dir.resolve("grubenv");
        Files.write(hostEnv, GrubEnv.empty());
        Files.writeString(dir.resolve("cmdline"), "hostapp.slot=a\n");
        backend = new GrubBackend(new GrubEnvFile(hostEnv), BootVariables.DEFAULT, new KernelCmdline(dir.resolve("cmdline")));
        GrubBackend.initialize(new GrubEnvFile(hostEnv), BootVariables.DEFAULT, Slot.A);
        BootLab.copyIn(disk, hostEnv, "grubenv");
    }

    /** One boot: grub-emu runs grub.cfg; returns the slot the kernel entry got; the env is copied back. */
    private String boot(String expectSlot, String expectCount) throws Exception {
        BootLab.Run r = BootLab.run(dir, Map.of(), 30, "grub-emu", "-d", cfgDir.toString(), "-m",
                cfgDir.resolve("device.map").toString());
        seconds += r.seconds();
        assertEquals(0, r.rc(), "grub-emu did not stop by itself:\n" + r.console());
        List<String> booting = r.lines("hostapp: booting slot ");
        List<String> kernel = r.lines("KERNEL ");
        assertEquals(1, kernel.size(), r.console());
        assertEquals("hostapp: booting slot " + expectSlot + " (bootcount " + expectCount + ",", booting.get(0)
                .substring(0, ("hostapp: booting slot " + expectSlot + " (bootcount " + expectCount + ",").length()), r.console());
        assertTrue(kernel.get(0).startsWith("KERNEL " + expectSlot + " "), r.console());
        assertTrue(kernel.get(0).contains("root=PARTLABEL=root-" + expectSlot + " hostapp.slot=" + expectSlot), r.console());
        BootLab.copyOut(disk, "grubenv", hostEnv);
        Files.writeString(dir.resolve("cmdline"), kernel.get(0).substring(9) + "\n");
        return r.console();
    }

    private void armTrialOfB(int limit) throws Exception {
        backend.markBad(Slot.B);
        backend.tryOnce(Slot.B, limit);
        BootLab.copyIn(disk, hostEnv, "grubenv");
    }

    @Test
    void trialCountsUpThenFallsBackWithRollback() throws Exception {
        boot("a", "0");
        armTrialOfB(2);
        boot("b", "1");
        assertEquals("1", new GrubEnvFile(hostEnv).read().get("bootcount"), "save_env wrote the count");
        assertEquals(Slot.B, backend.bootedSlot());
        assertEquals(SlotState.TRYING, backend.state(Slot.B));
        boot("b", "2");
        String console = boot("a", "0");
        assertTrue(console.contains("hostapp: fallback from slot b to a"), console);
        assertEquals(Slot.A, backend.bootedSlot());
        assertTrue(backend.fallbackReported(), "rollback=1 as GRUB wrote it");
        assertEquals(Slot.A, backend.primarySlot());
        assertEquals(SlotState.BAD, backend.state(Slot.B));
        backend.markGood(Slot.A);
        assertFalse(backend.fallbackReported());
        assertTrue(seconds < 20, "grub-emu boots took " + seconds + " s");
    }

    @Test
    void commitStopsTheCounting() throws Exception {
        armTrialOfB(3);
        boot("b", "1");
        backend.markGood(Slot.B);
        BootLab.copyIn(disk, hostEnv, "grubenv");
        boot("b", "0");
        boot("b", "0");
        assertEquals(SlotState.GOOD, backend.state(Slot.B));
        assertEquals(SlotState.FALLBACK, backend.state(Slot.A));
        assertEquals("0", new GrubEnvFile(hostEnv).read().get("bootcount"));
    }

    @Test
    void aCorruptEnvBootsTheDefaults() throws Exception {
        armTrialOfB(3);
        byte[] b = Files.readAllBytes(hostEnv);
        b[0] = 'X'; // no signature: load_env fails
        Files.write(hostEnv, b);
        BootLab.copyIn(disk, hostEnv, "grubenv");
        String console = boot("a", "0");
        assertTrue(console.contains("hostapp: no valid state"), console);
    }
}
