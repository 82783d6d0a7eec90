package io.hostapp.tests.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.hostapp.boot.BootException;
import io.hostapp.boot.FileEnvDevice;
import io.hostapp.boot.KernelCmdline;
import io.hostapp.boot.Slot;
import io.hostapp.boot.SlotState;
import io.hostapp.boot.UbootBackend;
import io.hostapp.boot.uboot.FwEnvConfig;
import io.hostapp.boot.uboot.UbootEnv;
import io.hostapp.boot.uboot.UbootEnvStore;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our U-Boot env code against the real libubootenv tools ({@code fw_printenv}/{@code fw_setenv},
 * Debian package libubootenv-tool, 0.3.2 on Debian 12), in both directions, single and redundant.
 * The tools missing is a failure, not a skip: CI installs them.
 */
@Tag("interop")
class UbootEnvInteropTest {
    private static final int SIZE = 0x4000;
    private static final long TIMEOUT_SECONDS = 30;

    @TempDir
    Path dir;
    private Path img;
    private Path cfgFile;
    private Path emptyDefaults;
    private UbootEnvStore store;

    @BeforeAll
    static void toolsAreInstalled() {
        for (String tool : new String[] {"fw_printenv", "fw_setenv"}) {
            boolean found = false;
            for (String p : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
                found |= Files.isExecutable(Path.of(p, tool));
            }
            if (!found) {
                fail(tool + " not found on PATH: install it (apt-get install --no-install-recommends libubootenv-tool);"
                        + " the interop suite must run, not skip");
            }
        }
    }

    private void setUp(boolean redundant) throws IOException, BootException {
        img = dir.resolve("env.img");
        FileEnvDevice.createFile(img, 2L * SIZE); // 0xff: erased flash
        FwEnvConfig cfg = redundant ? FwEnvConfig.redundant(img.toString(), 0, SIZE, SIZE)
                : FwEnvConfig.single(img.toString(), 0, SIZE);
        cfgFile = dir.resolve("fw_env.config");
        cfg.write(cfgFile);
        emptyDefaults = dir.resolve("empty-defaults");
        Files.writeString(emptyDefaults, "");
        store = new UbootEnvStore(FwEnvConfig.read(cfgFile)); // through the file, like the tools
    }

    // ---- running the tools --------------------------------------------------------------------

    record Result(int rc, String out, String err) {
    }

    private Result run(String... cmd) throws Exception {
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(String.join(" ", cmd) + ": no exit within " + TIMEOUT_SECONDS + " s");
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.ISO_8859_1),
                Files.readString(err, StandardCharsets.ISO_8859_1));
    }

    /** All variables as fw_printenv prints them ({@code name=value} lines). */
    private Map<String, String> fwPrintenv() throws Exception {
        Result r = run("fw_printenv", "-c", cfgFile.toString());
        assertEquals(0, r.rc(), "fw_printenv: " + r.err());
        Map<String, String> vars = new TreeMap<>();
        for (String line : r.out().split("\n")) {
            if (!line.isEmpty()) {
                vars.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
            }
        }
        return vars;
    }

    private String fwGet(String name) throws Exception {
        Result r = run("fw_printenv", "-c", cfgFile.toString(), "-n", name);
        assertEquals(0, r.rc(), "fw_printenv -n " + name + ": " + r.err());
        return r.out().endsWith("\n") ? r.out().substring(0, r.out().length() - 1) : r.out();
    }

    /** fw_setenv with name/value pairs (passed as separate argv entries: no shell quoting issues). */
    private void fwSetenv(String... pairs) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("fw_setenv", "-c", cfgFile.toString(), "-f", emptyDefaults.toString()));
        cmd.addAll(List.of(pairs));
        Result r = run(cmd.toArray(String[]::new));
        assertEquals(0, r.rc(), "fw_setenv " + String.join(" ", pairs) + ": " + r.err());
    }

    private void flipByte(long offset) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(img.toFile(), "rw")) {
            f.seek(offset);
            int b = f.read();
            f.seek(offset);
            f.write(b ^ 0x01);
        }
    }

    private long copyOffset(int copy) {
        return (copy - 1) * (long) SIZE;
    }

    private int flags(int copy) {
        return store.inspect().copies().get(copy - 1).flags();
    }

    private static Map<String, String> tricky() {
        Map<String, String> m = new TreeMap<>();
        m.put("bootargs", "console=ttyS0,115200 root=PARTLABEL=root-a rootwait quiet");
        m.put("spaces", "a b  c ");
        m.put("equals", "x=y==z");
        m.put("quoted", "say \"hi\" 'there'; echo $x");
        m.put("slot", "a");
        m.put("bootcount", "0");
        return m;
    }

    // ---- we write, fw_printenv reads ---------------------------------------------------------------

    @ParameterizedTest(name = "redundant={0}")
    @ValueSource(booleans = {false, true})
    void weWriteFwPrintenvReadsEveryValue(boolean redundant) throws Exception {
        setUp(redundant);
        Map<String, String> vars = tricky();
        store.openOrDefaults(vars);
        assertEquals(vars, fwPrintenv());
        assertEquals("x=y==z", fwGet("equals"));
        for (int i = 1; i <= 5; i++) {
            vars.put("bootcount", Integer.toString(i));
            vars.put("n" + i, "value " + i);
            store.update(Map.of("bootcount", Integer.toString(i), "n" + i, "value " + i));
            assertEquals(vars, fwPrintenv(), "after our write " + i);
            if (redundant) {
                // from blank: copy 2 flags 0, then copy 1 flags 1, copy 2 flags 2, ...
                int active = i % 2 == 1 ? 1 : 2;
                assertEquals(active, store.inspect().active());
                assertEquals(i, flags(active));
            }
        }
        store.update(Collections.singletonMap("n3", null));
        assertFalse(fwPrintenv().containsKey("n3"), "a deletion is seen by fw_printenv");
    }

    // ---- fw_setenv writes, we read -------------------------------------------------------------

    @ParameterizedTest(name = "redundant={0}")
    @ValueSource(booleans = {false, true})
    void fwSetenvWritesWeRead(boolean redundant) throws Exception {
        setUp(redundant);
        fwSetenv("slot", "a", "bootargs", "console=ttyS0 root=PARTLABEL=root-a", "equals", "k=v=w");
        assertEquals(Map.of("slot", "a", "bootargs", "console=ttyS0 root=PARTLABEL=root-a", "equals", "k=v=w"),
                store.read());
        if (redundant) {
            assertEquals(2, store.inspect().active(), "fw_setenv's first write on blank flash goes to copy 2");
            assertEquals(0, flags(2));
        }
        int previous = store.inspect().active();
        for (int i = 1; i <= 5; i++) {
            fwSetenv("bootcount", Integer.toString(i));
            assertEquals(Integer.toString(i), store.read().get("bootcount"));
            assertEquals(fwPrintenv(), store.read(), "we and fw_printenv agree after fw_setenv " + i);
            if (redundant) {
                int active = store.inspect().active();
                assertTrue(active != previous, "fw_setenv " + i + " switched copies");
                assertEquals(i, flags(active));
                previous = active;
            }
        }
    }

    // ---- mixed writers: flags keep counting ------------------------------------------------------

    @Test
    void weWriteAfterFwSetenvAndFwSetenvAfterUs() throws Exception {
        setUp(true);
        for (int i = 0; i < 3; i++) {
            fwSetenv("bootcount", Integer.toString(i), "slot", "a");
        }
        UbootEnvStore.Snapshot before = store.inspect();
        int fwFlags = before.activeCopy().flags();
        assertEquals(2, fwFlags);

        store.update(Map.of("slot", "b", "upgrade_available", "1", "spaced", "one two"));
        UbootEnvStore.Snapshot ours = store.inspect();
        assertEquals(3 - before.active(), ours.active(), "we wrote the inactive copy");
        assertEquals(fwFlags + 1, ours.activeCopy().flags());
        assertEquals(Map.of("bootcount", "2", "slot", "b", "upgrade_available", "1", "spaced", "one two"), fwPrintenv());

        fwSetenv("bootcount", "7");
        UbootEnvStore.Snapshot after = store.inspect();
        assertEquals(before.active(), after.active(), "fw_setenv wrote the copy we did not");
        assertEquals(fwFlags + 2, after.activeCopy().flags());
        assertEquals(Map.of("bootcount", "7", "slot", "b", "upgrade_available", "1", "spaced", "one two"), store.read());
    }

    @Test
    void flagWrapAndTiesAgreeWithFwPrintenv() throws Exception {
        setUp(true);
        UbootEnv codec = new UbootEnv(SIZE, true);
        int[][] cases = {{255, 0, 2}, {0, 255, 1}, {254, 0, 1}, {7, 7, 1}, {3, 9, 2}};
        for (int[] c : cases) {
            byte[] file = new byte[2 * SIZE];
            System.arraycopy(codec.encode(Map.of("who", "copy1"), c[0]), 0, file, 0, SIZE);
            System.arraycopy(codec.encode(Map.of("who", "copy2"), c[1]), 0, file, SIZE, SIZE);
            Files.write(img, file);
            String expected = "copy" + c[2];
            assertEquals(expected, fwGet("who"), "fw_printenv, flags " + c[0] + "/" + c[1]);
            assertEquals(expected, store.read().get("who"), "we, flags " + c[0] + "/" + c[1]);
        }
        // 255 (copy 1) vs 0 (copy 2): copy 2 is active, so our write goes to copy 1 with flags 1
        byte[] file = new byte[2 * SIZE];
        System.arraycopy(codec.encode(Map.of("who", "copy1"), 255), 0, file, 0, SIZE);
        System.arraycopy(codec.encode(Map.of("who", "copy2"), 0), 0, file, SIZE, SIZE);
        Files.write(img, file);
        store.update(Map.of("who", "ours"));
        assertEquals(1, store.inspect().active());
        assertEquals(1, flags(1));
        assertEquals("ours", fwGet("who"));
    }

    // ---- corruption ------------------------------------------------------------------------

    @Test
    void corruptNewerCopyBothFallBackToTheOlderCopy() throws Exception {
        setUp(true);
        fwSetenv("slot", "a");
        fwSetenv("slot", "b");
        int newer = store.inspect().active();
        flipByte(copyOffset(newer) + 5 + 2); // inside "slot=b"
        assertEquals("a", fwGet("slot"), "fw_printenv falls back");
        assertEquals("a", store.read().get("slot"), "we fall back");
        assertEquals("copy " + newer + ": CRC mismatch", store.inspect().problems());

        // our write replaces the corrupt copy; then corrupt OUR newest copy: fw_printenv falls back too
        store.update(Map.of("slot", "c"));
        assertEquals(newer, store.inspect().active());
        assertEquals("c", fwGet("slot"));
        flipByte(copyOffset(newer) + 5 + 2);
        assertEquals("a", fwGet("slot"));
        assertEquals("a", store.read().get("slot"));
        fwSetenv("slot", "d"); // fw_setenv, too, writes over the corrupt copy
        assertEquals("d", store.read().get("slot"));
        assertEquals(newer, store.inspect().active());
    }

    @ParameterizedTest(name = "redundant={0}")
    @ValueSource(booleans = {false, true})
    void noValidCopyIsAClearErrorForUsAndRc243ForFwPrintenv(boolean redundant) throws Exception {
        setUp(redundant);
        store.openOrDefaults(Map.of("slot", "a"));
        store.update(Map.of("slot", "b"));
        flipByte(copyOffset(1) + 6);
        if (redundant) {
            flipByte(copyOffset(2) + 6);
        }
        BootException e = assertThrows(BootException.class, store::read);
        assertEquals(redundant ? "uboot env: no valid copy (copy 1: CRC mismatch, copy 2: CRC mismatch)"
                : "uboot env: no valid copy (copy 1: CRC mismatch)", e.getMessage());
        // libubootenv 0.3.2 exits 243 ("Cannot read default environment from file") when no copy is
        // valid and neither -f nor /etc/u-boot-initial-env provides defaults; with -f it uses them.
        Result r = run("fw_printenv", "-c", cfgFile.toString());
        if (!Files.exists(Path.of("/etc/u-boot-initial-env"))) {
            assertEquals(243, r.rc(), "fw_printenv without defaults: " + r.out() + r.err());
        }
        Result withDefaults = run("fw_printenv", "-c", cfgFile.toString(), "-f", emptyDefaults.toString());
        assertEquals(0, withDefaults.rc(), withDefaults.err());
        assertEquals("", withDefaults.out().strip(), "an empty defaults file gives an empty env");
    }

    // ---- the variable scheme, bootloader side played by fw_setenv -------------------------------

    @Test
    void backendSchemeSeenAndChangedByTheTools() throws Exception {
        setUp(true);
        Path cmdline = dir.resolve("cmdline");
        Files.writeString(cmdline, "root=PARTLABEL=root-a hostapp.slot=a\n");
        UbootBackend backend = new UbootBackend(store, new KernelCmdline(cmdline));
        UbootBackend.initialize(store, Map.of("bootcmd", "run hostapp_boot"));
        backend.tryOnce(Slot.B, 2);
        assertEquals(Map.of("bootcmd", "run hostapp_boot", "slot", "b", "fallback_slot", "a", "upgrade_available", "1",
                "bootcount", "0", "bootlimit", "2", "rollback", "0"), fwPrintenv());

        fwSetenv("bootcount", "1"); // the boot script counts a boot
        assertEquals(SlotState.TRYING, backend.state(Slot.B));
        fwSetenv("slot", "a", "upgrade_available", "0", "rollback", "1", "bootcount", "3"); // ... and falls back
        assertTrue(backend.fallbackReported());
        assertEquals(Slot.A, backend.primarySlot());
        assertEquals(SlotState.BAD, backend.state(Slot.B));
        backend.markGood(Slot.A);
        assertEquals("0", fwGet("rollback"));
        assertEquals("0", fwGet("bootcount"));
    }
}
