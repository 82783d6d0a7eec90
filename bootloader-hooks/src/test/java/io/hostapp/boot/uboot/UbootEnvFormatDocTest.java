package io.hostapp.boot.uboot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hostapp.boot.MemoryEnvDevice;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Parses the worked examples out of {@code UBOOT-ENV.md} and checks the codec and the store against
 * them, so the document and the code cannot drift apart.
 */
class UbootEnvFormatDocTest {
    private static final Pattern EXAMPLE = Pattern.compile(
            "<!-- uboot-env-example ([^>]*) -->\\s*\\n```\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern LINE = Pattern.compile(
            "([0-9a-f]{8})  ((?:[0-9a-f]{2} ){8}) ((?:[0-9a-f]{2} ){7}[0-9a-f]{2})  \\|(.{16})\\|");

    record Example(Map<String, String> params, byte[] bytes) {
    }

    static List<Example> examples() throws Exception {
        Path base = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
        String md = Files.readString(base.resolve("UBOOT-ENV.md"), StandardCharsets.UTF_8);
        List<Example> out = new ArrayList<>();
        Matcher m = EXAMPLE.matcher(md);
        while (m.find()) {
            Map<String, String> params = new HashMap<>();
            for (String kv : m.group(1).trim().split("\\s+")) {
                params.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
            }
            out.add(new Example(params, parseDump(m.group(2))));
        }
        return out;
    }

    /** Reads a {@code hexdump -C} dump: full 16-byte lines, consecutive offsets, ASCII column consistent. */
    static byte[] parseDump(String dump) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String line : dump.strip().split("\n")) {
            Matcher l = LINE.matcher(line);
            assertTrue(l.matches(), "not a hexdump -C line: " + line);
            assertEquals(out.size(), Integer.parseInt(l.group(1), 16), "offset of: " + line);
            String[] hex = (l.group(2) + l.group(3)).trim().split("\\s+");
            StringBuilder ascii = new StringBuilder();
            for (String h : hex) {
                int b = Integer.parseInt(h, 16);
                out.write(b);
                ascii.append(b >= 0x20 && b < 0x7f ? (char) b : '.');
            }
            assertEquals(ascii.toString(), l.group(4), "ASCII column of: " + line);
        }
        return out.toByteArray();
    }

    @Test
    void documentHasTheExamples() throws Exception {
        List<Example> ex = examples();
        assertEquals(3, ex.size(), "UBOOT-ENV.md section 5 examples");
        assertTrue(ex.stream().anyMatch(e -> e.params().get("layout").equals("redundant")));
        assertTrue(ex.stream().anyMatch(e -> e.params().get("writer").equals("foreign")));
    }

    @Test
    void codecAndStoreAgreeWithEveryExample() throws Exception {
        for (Example e : examples()) {
            Map<String, String> p = e.params();
            String name = "example " + p;
            boolean redundant = p.get("layout").equals("redundant");
            int envSize = Integer.decode(p.get("envsize"));
            int copies = redundant ? 2 : 1;
            assertEquals(envSize * copies, e.bytes().length, name + ": dump length");

            Map<String, String> vars = new TreeMap<>();
            for (String kv : p.get("vars").split(",")) {
                vars.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
            }

            UbootEnv codec = new UbootEnv(envSize, redundant);
            for (int c = 0; c < copies; c++) {
                byte[] copy = Arrays.copyOfRange(e.bytes(), c * envSize, (c + 1) * envSize);
                UbootEnv.Decoded d = codec.decode(copy);
                assertTrue(d.valid(), name + " copy " + (c + 1) + ": " + d.problem());
                byte[] reencoded = codec.encode(d.vars(), d.flags());
                if (p.get("writer").equals("ours")) {
                    assertArrayEquals(copy, reencoded, name + " copy " + (c + 1) + ": not what our writer produces");
                } else {
                    assertFalse(Arrays.equals(copy, reencoded), name + ": a foreign example should differ from ours");
                }
            }

            MemoryEnvDevice dev = new MemoryEnvDevice(e.bytes().length, 0);
            System.arraycopy(e.bytes(), 0, dev.bytes(), 0, e.bytes().length);
            FwEnvConfig cfg = redundant ? FwEnvConfig.redundant("doc", 0, envSize, envSize) : FwEnvConfig.single("doc", 0, envSize);
            UbootEnvStore store = new UbootEnvStore(cfg, x -> dev);
            assertEquals(Integer.parseInt(p.get("active")), store.inspect().active(), name + ": active copy");
            assertEquals(vars, store.read(), name + ": variables");
        }
    }
}
