package io.hostapp.delta.cli;

import io.hostapp.delta.TestImages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CLI end to end: diff, info, patch (and its exit codes), full. */
class HostappDeltaTest {
    @TempDir
    Path dir;
    Path v1;
    Path v2;
    byte[] b2;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream oldOut;
    PrintStream oldErr;

    @BeforeEach
    void images() throws IOException {
        byte[] b1 = TestImages.image(128, 41);
        b2 = TestImages.nextVersion(b1, 42);
        v1 = Files.write(dir.resolve("v1.img"), b1);
        v2 = Files.write(dir.resolve("v2.img"), b2);
        oldOut = System.out;
        oldErr = System.err;
        System.setOut(new PrintStream(out, true));
        System.setErr(new PrintStream(err, true));
    }

    @AfterEach
    void restore() {
        System.setOut(oldOut);
        System.setErr(oldErr);
    }

    @Test
    void diffInfoPatch() throws IOException {
        Path d = dir.resolve("d");
        assertEquals(0, HostappDelta.run("diff", "--level", "3", v1.toString(), v2.toString(), d.toString()));
        assertTrue(out.toString().contains("peak RSS"), out.toString());
        assertEquals(0, HostappDelta.run("info", d.toString()));
        assertTrue(out.toString().contains("target:      " + b2.length + " bytes sha256 "
                + TestImages.hex(TestImages.sha256(b2))), out.toString());
        byte[] b1 = Files.readAllBytes(v1);
        assertTrue(out.toString().contains("source:      " + b1.length + " bytes sha256 "
                + TestImages.hex(TestImages.sha256(b1)) + "\n             chunk digest "
                + TestImages.hex(TestImages.sourceDigest(b1, 22)) + " (2^22-byte chunks)\n"
                + "             1 of 1 chunks read by the delta (" + b1.length
                + " bytes; what patch checks before writing)\n"),
                out.toString());
        Path o = dir.resolve("o");
        assertEquals(0, HostappDelta.run("patch", "--expect-sha256", TestImages.hex(TestImages.sha256(b2)),
                v1.toString(), d.toString(), o.toString()));
        assertArrayEquals(b2, Files.readAllBytes(o));
        assertFalse(Files.exists(dir.resolve("o.checkpoint")), "checkpoint cleared after success");
    }

    @Test
    void everyCommandHasHelp() {
        for (String cmd : new String[] {"diff", "full", "patch", "info"}) {
            out.reset();
            assertEquals(0, HostappDelta.run(cmd, "--help"), cmd + " --help: " + err);
            assertTrue(out.toString().startsWith("Usage: hostapp-delta " + cmd + " "), out.toString());
        }
        out.reset();
        assertEquals(0, HostappDelta.run("--help"));
        assertTrue(out.toString().contains("Exit codes:"), out.toString());
    }

    @Test
    void fullImage() throws IOException {
        Path f = dir.resolve("f");
        assertEquals(0, HostappDelta.run("full", "--level", "3", v2.toString(), f.toString()));
        Path o = dir.resolve("o");
        assertEquals(0, HostappDelta.run("patch", "-", f.toString(), o.toString()));
        assertArrayEquals(b2, Files.readAllBytes(o));
    }

    @Test
    void exitCodesNameTheFault() throws IOException {
        Path d = dir.resolve("d");
        assertEquals(0, HostappDelta.run("diff", "--level", "3", v1.toString(), v2.toString(), d.toString()));
        Path o = dir.resolve("o");
        assertEquals(HostappDelta.EXIT_SOURCE, HostappDelta.run("patch", v2.toString(), d.toString(), o.toString()));
        assertTrue(err.toString().startsWith("hostapp-delta patch: source: chunk 0 "), err.toString());
        assertFalse(Files.exists(o), "nothing written, no empty OUT left behind");

        assertEquals(HostappDelta.EXIT_TARGET, HostappDelta.run("patch", "--expect-sha256",
                TestImages.hex(TestImages.sha256(new byte[1])), v1.toString(), d.toString(), o.toString()));

        byte[] bad = Files.readAllBytes(d);
        bad[bad.length / 2] ^= 0x10;
        Path corrupt = Files.write(dir.resolve("corrupt"), bad);
        err.reset();
        assertEquals(HostappDelta.EXIT_PAYLOAD, HostappDelta.run("patch", "--no-checkpoint", v1.toString(),
                corrupt.toString(), o.toString()));
        assertTrue(err.toString().startsWith("hostapp-delta patch: operation "), err.toString());
        assertEquals(1, err.toString().trim().split("\n").length, "one line: " + err);
    }
}
