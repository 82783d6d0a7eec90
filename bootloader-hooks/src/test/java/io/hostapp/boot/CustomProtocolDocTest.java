package io.hostapp.boot;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CUSTOM.md's verb table: the example program answers every verb, in the documented vocabulary. */
class CustomProtocolDocTest {
    private static final Pattern ROW = Pattern.compile("^\\| `([a-z-]+)` \\|\\s*([A-Z ]*?)\\s*\\| ([^|]*) \\|");
    private static final Map<String, List<String>> ANSWERS = Map.of(
            "`a` or `b`", List.of("a", "b"),
            "`good`, `trying`, `fallback` or `bad`", List.of("good", "trying", "fallback", "bad"),
            "`yes` or `no`", List.of("yes", "no"),
            "nothing", List.of(""));

    @TempDir
    Path dir;

    @Test
    void theExampleAnswersEveryDocumentedVerb() throws Exception {
        Path base = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
        List<String> verbs = new ArrayList<>();
        Files.writeString(dir.resolve("state"), "slot=a\nfallback_slot=a\nupgrade_available=0\nbootcount=0\nbootlimit=3\nrollback=0\n");
        Files.writeString(dir.resolve("cmdline"), "hostapp.slot=a\n");
        for (String line : Files.readAllLines(base.resolve("CUSTOM.md"), StandardCharsets.UTF_8)) {
            Matcher m = ROW.matcher(line);
            if (!m.find()) {
                continue;
            }
            String verb = m.group(1);
            verbs.add(verb);
            List<String> cmd = new ArrayList<>(List.of("sh", CustomBackendTest.EXAMPLE.toString(), "state", "cmdline", verb));
            for (String arg : m.group(2).trim().split(" ")) {
                if (arg.equals("SLOT")) {
                    cmd.add("b");
                } else if (arg.equals("LIMIT")) {
                    cmd.add("3");
                }
            }
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertEquals(0, p.waitFor(), verb + ": " + out);
            List<String> allowed = ANSWERS.get(m.group(3).trim());
            assertTrue(allowed != null && allowed.contains(out), verb + " answered '" + out + "', documented: " + m.group(3));
        }
        assertEquals(List.of("booted", "primary", "state", "fallback-reported", "try", "mark-good", "mark-bad"), verbs);
    }
}
