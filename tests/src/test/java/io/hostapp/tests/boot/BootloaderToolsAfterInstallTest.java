package io.hostapp.tests.boot;

import io.hostapp.tests.bootlab.BootLab;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * After an install through the real CLI on a simulated board, each family's own tool reads the armed trial
 * from the storage our backend wrote: {@code grub-editenv list} on sim-grub (the GRUB issue's "done when"),
 * {@code efibootmgr} on sim-efi.
 */
@Tag("interop")
class BootloaderToolsAfterInstallTest {
    static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    static final String CLI = REPO.resolve("scripts/hostapp-update").toString();

    @TempDir
    Path tmp;

    @BeforeAll
    static void tools() {
        BootLab.requireTools("grub-editenv", "efibootmgr");
    }

    private Path installOn(String board) throws Exception {
        Path v1 = Files.write(tmp.resolve("v1.img"), "factory image v1".repeat(1000).getBytes());
        Path v2 = Files.write(tmp.resolve("v2.img"), "release v2".repeat(3000).getBytes());
        Path dev = tmp.resolve(board);
        BootLab.tool(CLI, "sim", "create", "--board", board, "--image", v1.toString(), dev.toString());
        BootLab.tool(CLI, "--device", dev.toString(), "-f", v2.toString());
        return dev;
    }

    @Test
    void grubEditenvListsTheArmedTrialOnSimGrub() throws Exception {
        Path dev = installOn("sim-grub");
        List<String> env = BootLab.tool("grub-editenv", dev.resolve("grubenv").toString(), "list").lines().toList();
        assertTrue(env.containsAll(List.of("slot=b", "fallback_slot=a", "upgrade_available=1", "bootcount=0",
                "bootlimit=3", "rollback=0")), env.toString());
    }

    @Test
    void efibootmgrShowsBootNextOnSimEfi() throws Exception {
        Path dev = installOn("sim-efi");
        List<String> out = BootLab.tool(null, Map.of("EFIVARFS_PATH", dev.resolve("efivars") + "/"), "efibootmgr")
                .lines().toList();
        assertTrue(out.contains("BootNext: 0002"), out.toString());
        assertTrue(out.contains("BootCurrent: 0001"), out.toString());
        assertTrue(out.contains("BootOrder: 0001"), out.toString());
    }
}
