package io.hostapp.tests.e2e;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The foundation issue's "done when": after an install on the simulated device, the real {@code fw_printenv}
 * (libubootenv-tool) reads the env and shows {@code upgrade_available=1} and the new {@code slot}.
 */
@Tag("interop")
class FwPrintenvAfterInstallTest {
    @TempDir
    Path tmp;

    @Test
    void realFwPrintenvSeesTheArmedTrial() throws Exception {
        Path v1 = Files.write(tmp.resolve("v1.img"), "factory image v1".repeat(1000).getBytes());
        Path v2 = Files.write(tmp.resolve("v2.img"), "release v2".repeat(3000).getBytes());
        Path dev = tmp.resolve("device");
        assertEquals(0, Cli.run("sim", "create", "--board", "sim-uboot", "--image", v1.toString(), dev.toString()).rc());
        Cli.Result r = Cli.run("--device", dev.toString(), "-f", v2.toString());
        assertEquals(0, r.rc(), r.all());

        Path cfg = tmp.resolve("fw_env.config");
        Files.writeString(cfg, dev.resolve("uboot.env") + " 0x0000 0x4000\n" + dev.resolve("uboot.env") + " 0x4000 0x4000\n");
        Cli.Result env = Cli.tool("fw_printenv", "-c", cfg.toString());
        assertEquals(0, env.rc(), env.all());
        assertEquals(true, env.out().lines().anyMatch("upgrade_available=1"::equals), env.out());
        assertEquals(true, env.out().lines().anyMatch("slot=b"::equals), env.out());
        assertEquals(true, env.out().lines().anyMatch("fallback_slot=a"::equals), env.out());
        assertEquals(true, env.out().lines().anyMatch("bootcount=0"::equals), env.out());
        assertEquals(true, env.out().lines().anyMatch("bootlimit=3"::equals), env.out());
    }
}
