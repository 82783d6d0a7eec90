package io.hostapp.updater.config;

import io.hostapp.updater.board.BoardFileException;
import io.hostapp.updater.daemon.RebootPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** updater/CONFIG.md and the loader agree: the example loads, the field tables match. */
class DeviceConfigDocTest {
    @TempDir
    Path tmp;

    private final String doc = read();

    private static String read() {
        try {
            return Files.readString(Path.of("CONFIG.md"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void exampleLoads() throws Exception {
        Matcher m = Pattern.compile("```json\n(.*?)```", Pattern.DOTALL).matcher(doc);
        m.find();
        Path f = Files.writeString(tmp.resolve("config.json"), m.group(1));
        DeviceConfig c = DeviceConfigLoader.load(f, false);
        assertEquals("qemu-arm64-uboot", c.board().orElseThrow());
        assertEquals("stable", c.repository().orElseThrow().channel());
        assertEquals(tmp.resolve("root.json"), c.repository().get().trustedRoot());
        assertEquals(tmp.resolve("fleet-ca.pem"), c.fetch().caBundle().orElseThrow());
        assertTrue(c.cache());
        assertEquals(RebootPolicy.WINDOW, c.daemon().reboot());
        assertEquals(1, c.daemon().windows().size());
    }

    @Test
    void fieldTablesMatchTheLoader() {
        Map<String, Set<String>> tables = new LinkedHashMap<>();
        String heading = null;
        for (String l : doc.lines().toList()) {
            if (l.startsWith("### ")) {
                heading = l.substring(4).strip();
                tables.put(heading, new TreeSet<>());
            } else if (heading != null) {
                Matcher m = Pattern.compile("^\\| `([A-Za-z]+)` \\|").matcher(l);
                if (m.find()) {
                    tables.get(heading).add(m.group(1));
                }
            }
        }
        assertEquals(new TreeSet<>(DeviceConfigLoader.FIELDS.keySet()), new TreeSet<>(tables.keySet()));
        DeviceConfigLoader.FIELDS.forEach((k, v) -> assertEquals(new TreeSet<>(v), tables.get(k), k));
    }

    @Test
    void wrongFieldsAreNamed() throws Exception {
        bad("{\"colour\": 1}", "field 'colour': unknown field");
        bad("{\"repository\": {\"url\": \"ftp://x\"}}", "field 'repository.url': must be an http:// or https:// URL");
        bad("{\"daemon\": {\"reboot\": \"sometimes\"}}", "field 'daemon.reboot': must be immediately, window or never");
        bad("{\"daemon\": {\"maintenanceWindows\": [\"mon-fri 2-4\"]}}", "field 'daemon.maintenanceWindows': '2-4': times must be HH:MM");
        bad("{\"daemon\": {\"pollIntervalSeconds\": 0}}", "field 'daemon.pollIntervalSeconds': must be an integer in 1..");
        bad("{\"fetch\": {\"clientCert\": \"c.pem\"}}", "field 'fetch.clientKey': clientCert and clientKey go together");
    }

    private void bad(String json, String expected) throws Exception {
        Path f = Files.writeString(tmp.resolve("bad.json"), json);
        BoardFileException e = assertThrows(BoardFileException.class, () -> DeviceConfigLoader.load(f, false));
        assertTrue(e.getMessage().equals(f + ": " + expected) || e.getMessage().startsWith(f + ": " + expected),
                e.getMessage());
    }
}
