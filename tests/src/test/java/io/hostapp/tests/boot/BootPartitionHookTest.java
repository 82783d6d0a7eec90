package io.hostapp.tests.boot;

import io.hostapp.tests.bootlab.BootLab;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Raspberry Pi tryboot "after" hook ({@code bootloader-hooks/boot-scripts/tryboot/hostapp-boot-partition},
 * TRYBOOT.md section 5) against root filesystem images made by the real {@code mkfs.ext4 -d} and
 * {@code mksquashfs} and a boot partition image made by {@code mkfs.vfat}: what lands on the FAT file system
 * (read back with mtools), and that every refusal leaves the boot partition as it was.
 */
@Tag("interop")
class BootPartitionHookTest {
    static final Path HOOK = Path.of("..").toAbsolutePath().normalize()
            .resolve("bootloader-hooks/boot-scripts/tryboot/hostapp-boot-partition");

    @TempDir
    Path dir;
    Path firmware;
    Path boot;
    byte[] start4;

    @BeforeAll
    static void tools() {
        BootLab.requireTools("mkfs.ext4", "debugfs", "mksquashfs", "unsquashfs", "blkid", "mkfs.vfat", "mcopy",
                "mtype", "mdir");
    }

    @BeforeEach
    void trees() throws Exception {
        firmware = Files.createDirectories(dir.resolve("root/boot/firmware/overlays"));
        Files.createDirectories(dir.resolve("root/etc"));
        Files.writeString(dir.resolve("root/etc/os-release"), "VERSION_ID=2\n");
        start4 = new byte[300_000];
        new Random(7).nextBytes(start4);
        Files.write(firmware.resolveSibling("start4.elf"), start4);
        Files.writeString(firmware.resolveSibling("config.txt"), "arm_64bit=1\nkernel=kernel8.img\n");
        Files.writeString(firmware.resolveSibling("cmdline.txt"),
                "console=serial0,115200  root=/dev/mmcblk0p5 rootfstype=ext4 root=/dev/sda2 fsck.repair=yes rootwait\n"
                        + "second line the firmware ignores\n");
        Files.write(firmware.resolveSibling("kernel8.img"), new byte[70_000]);
        Files.writeString(firmware.resolve("disable-bt.dtbo"), "dtbo");
        // the boot partition as the previous release left it: a marker file that must go, a label, a volume ID
        boot = dir.resolve("boot-b.img");
        try (RandomAccessFile f = new RandomAccessFile(boot.toFile(), "rw")) {
            f.setLength(48L << 20);
        }
        BootLab.tool("mkfs.vfat", "-n", "BOOT_B", "-i", "1234ABCD", boot.toString());
        Path old = Files.writeString(dir.resolve("old-release.txt"), "v1\n");
        BootLab.tool("mcopy", "-i", boot.toString(), old.toString(), "::/old-release.txt");
    }

    private Path ext4Root() throws Exception {
        Path img = dir.resolve("root-b.ext4");
        BootLab.tool("mkfs.ext4", "-q", "-F", "-d", dir.resolve("root").toString(), img.toString(), "16M");
        return img;
    }

    private BootLab.Run hook(Path root, String slot) throws Exception {
        Map<String, String> env = Map.of("HOSTAPP_TARGET_SLOT", slot,
                "HOSTAPP_TARGET_DEVICE", root.toString(), "HOSTAPP_TARGET_ROOT", "/dev/mmcblk0p6",
                "HOSTAPP_BOOT_DEVICE_A", dir.resolve("boot-a.img").toString(),
                "HOSTAPP_BOOT_DEVICE_B", boot.toString(), "TMPDIR", dir.toString());
        return BootLab.run(dir, env, 60, HOOK.toString());
    }

    private String type(String name) throws Exception {
        return BootLab.tool("mtype", "-i", boot.toString(), "::/" + name);
    }

    private void assertFilled(BootLab.Run r) throws Exception {
        assertEquals(0, r.rc(), r.console());
        assertEquals("console=serial0,115200 root=/dev/mmcblk0p6 rootfstype=ext4 fsck.repair=yes rootwait\n",
                type("cmdline.txt"));
        assertEquals("arm_64bit=1\nkernel=kernel8.img\n", type("config.txt"));
        assertEquals("dtbo", type("overlays/disable-bt.dtbo"));
        Path out = dir.resolve("start4.out");
        BootLab.tool("mcopy", "-n", "-i", boot.toString(), "::/start4.elf", out.toString());
        assertArrayEquals(start4, Files.readAllBytes(out));
        String listing = BootLab.tool("mdir", "-b", "-i", boot.toString(), "::/");
        assertFalse(listing.contains("old-release"), "the previous release's files are gone:\n" + listing);
        String blkid = BootLab.tool("blkid", "-p", "-o", "export", boot.toString());
        assertTrue(blkid.contains("LABEL=BOOT_B") && blkid.contains("UUID=1234-ABCD"), "label and volume ID kept:\n" + blkid);
        assertTrue(r.console().contains("hostapp-boot-partition: slot b's boot partition " + boot), r.console());
    }

    @Test
    void fillsTheSlotsBootPartitionFromAnExt4Root() throws Exception {
        assertFilled(hook(ext4Root(), "b"));
    }

    @Test
    void fillsTheSlotsBootPartitionFromASquashfsRoot() throws Exception {
        Path img = dir.resolve("root-b.squashfs");
        BootLab.tool("mksquashfs", dir.resolve("root").toString(), img.toString(), "-noappend", "-quiet", "-no-progress");
        assertFilled(hook(img, "b"));
    }

    @Test
    void aCmdlineWithoutRootGetsOne() throws Exception {
        Files.writeString(firmware.resolveSibling("cmdline.txt"), "quiet");
        assertEquals(0, hook(ext4Root(), "b").rc());
        assertEquals("quiet root=/dev/mmcblk0p6\n", type("cmdline.txt"));
    }

    /** Each refusal: exit 1, one line naming the fault, and the boot partition untouched. */
    private void assertRefused(BootLab.Run r, String message) throws Exception {
        assertEquals(1, r.rc(), r.console());
        assertEquals("hostapp-boot-partition: " + message, r.console().strip());
        assertEquals("v1\n", type("old-release.txt"));
    }

    @Test
    void refusesARootWithoutTheFirmwareTree() throws Exception {
        Files.walk(dir.resolve("root/boot")).sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        Path root = ext4Root();
        assertRefused(hook(root, "b"), "root device " + root + " (ext4) has no /boot/firmware directory");
    }

    @Test
    void refusesATreeWithoutWhatTheFirmwareNeeds() throws Exception {
        Files.delete(firmware.resolveSibling("start4.elf"));
        Path root = ext4Root();
        assertRefused(hook(root, "b"), "/boot/firmware in " + root + " has no start4.elf");
    }

    @Test
    void refusesARootDeviceWithNoFileSystem() throws Exception {
        Path root = Files.write(dir.resolve("garbage.img"), new byte[1 << 20]);
        assertRefused(hook(root, "b"), "root device " + root + ": no file system found");
    }

    @Test
    void refusesABadSlotAndAMissingBootPartition() throws Exception {
        Path root = ext4Root();
        assertRefused(hook(root, "c"), "HOSTAPP_TARGET_SLOT is 'c', not a or b");
        assertRefused(hook(root, "a"),
                "slot a's boot partition " + dir.resolve("boot-a.img") + " does not exist");
    }
}
