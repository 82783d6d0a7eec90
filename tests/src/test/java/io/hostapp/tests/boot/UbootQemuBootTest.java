package io.hostapp.tests.boot;

import io.hostapp.boot.FileEnvDevice;
import io.hostapp.boot.KernelCmdline;
import io.hostapp.boot.Slot;
import io.hostapp.boot.SlotState;
import io.hostapp.boot.UbootBackend;
import io.hostapp.boot.uboot.FwEnvConfig;
import io.hostapp.boot.uboot.UbootEnvStore;
import io.hostapp.tests.bootlab.BootLab;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shipped {@code boot-scripts/uboot/boot.cmd}, made into {@code boot.scr} by the real {@code mkimage} and
 * run by Debian's U-Boot ({@code u-boot-qemu}) under {@code qemu-system-aarch64} and {@code qemu-system-x86_64}
 * (TCG, no KVM). The disk holds boot.scr and the state file {@code uboot.env} on a FAT partition, the
 * {@code qemu-arm64} board's layout. Before each boot our {@link UbootBackend} writes the state (copied in with
 * mtools); after it, reads back what U-Boot wrote with {@code env export -c} + {@code fatwrite} (QEMU 7.2's
 * pflash cannot take {@code saveenv}). No kernel is installed, so every boot ends in boot.cmd's "did not start;
 * resetting", which {@code -no-reboot} turns into QEMU's exit: each run is one counted boot. Runs are wrapped in
 * a timeout and judged by the {@code hostapp:} markers on the serial console.
 *
 * <p>arm64: U-Boot's own env lives in pflash bank 1 (64 MiB, env at 0, 0x40000, single copy); our codec writes
 * it (bootdelay=0, the bootcmd, the board parameters), which also shows U-Boot accepting our env bytes.
 * x86_64: this build keeps no env, so the parameters are setenv lines put in front of boot.cmd.
 */
@Tag("interop")
class UbootQemuBootTest {
    static final Path BOOT_CMD = Path.of("..").toAbsolutePath().normalize().resolve("bootloader-hooks/boot-scripts/uboot/boot.cmd");
    private static final int STATE_SIZE = 0x4000;

    @TempDir
    Path dir;
    private String arch;
    private Path disk;
    private Path state;
    private UbootBackend backend;
    private double seconds;

    @BeforeAll
    static void tools() {
        BootLab.requireTools("qemu-system-aarch64", "qemu-system-x86_64", "mkimage", "mcopy", "mkfs.vfat", "sfdisk",
                "/usr/lib/u-boot/qemu_arm64/u-boot.bin", "/usr/lib/u-boot/qemu-x86_64/u-boot.rom");
    }

    private void setUp(String arch) throws Exception {
        this.arch = arch;
        String script = Files.readString(BOOT_CMD);
        if (arch.equals("x86_64")) {
            script = "setenv hostapp_statefile uboot.env\nsetenv hostapp_addr 0x03000000\n" + script;
        }
        Path cmd = Files.writeString(dir.resolve("boot.cmd"), script);
        BootLab.tool("mkimage", "-A", arch.equals("arm64") ? "arm64" : "x86", "-O", "linux", "-T", "script", "-C", "none",
                "-n", "hostapp", "-d", cmd.toString(), dir.resolve("boot.scr").toString());
        disk = BootLab.fatDisk(dir.resolve("disk.img"), 32, "BOOT");
        BootLab.copyIn(disk, dir.resolve("boot.scr"), "boot.scr");
        if (arch.equals("arm64")) {
            Path flash = dir.resolve("flash1.img");
            FileEnvDevice.createFile(flash, 64L << 20);
            Map<String, String> env = new LinkedHashMap<>();
            env.put("bootdelay", "0");
            env.put("scriptaddr", "0x40200000");
            env.put("kernel_addr_r", "0x40400000");
            env.put("hostapp_devtype", "virtio");
            env.put("hostapp_devpart", "0:1");
            env.put("hostapp_statefile", "uboot.env");
            env.put("bootcmd", "virtio scan; if load virtio 0:1 ${scriptaddr} boot.scr; then source ${scriptaddr}; fi; "
                    + "echo hostapp: no boot script; poweroff");
            new UbootEnvStore(FwEnvConfig.single(flash.toString(), 0, 0x40000)).write(env);
        }
        state = dir.resolve("state.env");
        FileEnvDevice.createFile(state, STATE_SIZE);
        UbootEnvStore store = new UbootEnvStore(FwEnvConfig.single(state.toString(), 0, STATE_SIZE));
        Files.writeString(dir.resolve("cmdline"), "hostapp.slot=a\n");
        UbootBackend.initialize(store, Map.of());
        backend = new UbootBackend(store, new KernelCmdline(dir.resolve("cmdline")));
        BootLab.copyIn(disk, state, "uboot.env");
    }

    private BootLab.Run qemu() throws Exception {
        if (arch.equals("arm64")) {
            return BootLab.run(dir, Map.of(), 60, "qemu-system-aarch64", "-M", "virt", "-cpu", "cortex-a57", "-m", "256",
                    "-nographic", "-no-reboot", "-nic", "none", "-bios", "/usr/lib/u-boot/qemu_arm64/u-boot.bin",
                    "-drive", "if=pflash,unit=1,format=raw,file=" + dir.resolve("flash1.img"),
                    "-drive", "if=none,file=" + disk + ",format=raw,id=hd0", "-device", "virtio-blk-device,drive=hd0");
        }
        return BootLab.run(dir, Map.of(), 60, "qemu-system-x86_64", "-M", "pc", "-m", "256", "-nographic", "-no-reboot",
                "-nic", "none", "-bios", "/usr/lib/u-boot/qemu-x86_64/u-boot.rom",
                "-drive", "if=none,file=" + disk + ",format=raw,id=hd0", "-device", "virtio-blk-pci,drive=hd0");
    }

    /** One boot; checks the slot and count U-Boot chose, copies the state back, records the kernel command line. */
    private String boot(String slot, String count) throws Exception {
        BootLab.Run r = qemu();
        seconds += r.seconds();
        assertEquals(0, r.rc(), arch + ": QEMU did not exit by itself:\n" + r.console());
        List<String> booting = r.lines("hostapp: booting slot ");
        assertEquals(1, booting.size(), r.console());
        String want = "hostapp: booting slot " + slot + " (bootcount " + count + ",";
        assertTrue(booting.get(0).startsWith(want), "want '" + want + "':\n" + r.console());
        String bootargs = booting.get(0).substring(booting.get(0).indexOf("bootargs: ") + 10);
        assertTrue(bootargs.endsWith("root=PARTLABEL=root-" + slot + " hostapp.slot=" + slot), bootargs);
        assertTrue(r.console().contains("hostapp: slot " + slot + " did not start; resetting"), r.console());
        BootLab.copyOut(disk, "uboot.env", state);
        Files.writeString(dir.resolve("cmdline"), bootargs + "\n");
        return r.console();
    }

    private void armTrialOfB(int limit) throws Exception {
        backend.markBad(Slot.B);
        backend.tryOnce(Slot.B, limit);
        BootLab.copyIn(disk, state, "uboot.env");
    }

    @ParameterizedTest
    @ValueSource(strings = {"arm64", "x86_64"})
    void trialCountsUpThenFallsBackWithRollback(String arch) throws Exception {
        setUp(arch);
        String first = boot("a", "0");
        if (arch.equals("arm64")) {
            assertTrue(first.contains("Loading Environment from Flash... OK"), "U-Boot accepted our flash env:\n" + first);
        }
        armTrialOfB(2);
        boot("b", "1");
        assertEquals("1", new UbootEnvStore(FwEnvConfig.single(state.toString(), 0, STATE_SIZE)).read().get("bootcount"),
                "our reader reads the env U-Boot exported");
        assertEquals(Slot.B, backend.bootedSlot());
        assertEquals(SlotState.TRYING, backend.state(Slot.B));
        boot("b", "2");
        String console = boot("a", "0");
        assertTrue(console.contains("hostapp: fallback from slot b to a (bootcount 3 > bootlimit 2)"), console);
        assertEquals(Slot.A, backend.bootedSlot());
        assertTrue(backend.fallbackReported());
        assertEquals(Slot.A, backend.primarySlot());
        assertEquals(SlotState.BAD, backend.state(Slot.B));
        System.out.printf("U-Boot under QEMU %s: 4 boots in %.1f s%n", arch, seconds);
    }

    @ParameterizedTest
    @ValueSource(strings = {"arm64", "x86_64"})
    void commitStopsTheCounting(String arch) throws Exception {
        setUp(arch);
        armTrialOfB(3);
        boot("b", "1");
        backend.markGood(Slot.B);
        BootLab.copyIn(disk, state, "uboot.env");
        boot("b", "0");
        assertEquals(SlotState.GOOD, backend.state(Slot.B));
        assertEquals(SlotState.FALLBACK, backend.state(Slot.A));
        assertFalse(backend.fallbackReported());
    }

    @ParameterizedTest
    @ValueSource(strings = {"arm64", "x86_64"})
    void aCorruptEnvBootsTheDefaults(String arch) throws Exception {
        setUp(arch);
        armTrialOfB(3);
        byte[] b = Files.readAllBytes(state);
        b[8] ^= 0x55;
        Files.write(state, b);
        BootLab.copyIn(disk, state, "uboot.env");
        String console = boot("a", "0");
        assertTrue(console.contains("bad CRC"), console);
        assertTrue(console.contains("hostapp: no valid state"), console);
    }
}
