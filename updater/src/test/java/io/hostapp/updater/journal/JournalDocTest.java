package io.hostapp.updater.journal;

import io.hostapp.boot.Slot;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** updater/JOURNAL.md and the codec agree: the example round-trips byte for byte, the state table is complete. */
class JournalDocTest {
    private final String doc = read();

    private static String read() {
        try {
            return Files.readString(Path.of("JOURNAL.md"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void exampleRoundTrips() throws Exception {
        Matcher m = Pattern.compile("```json\n(.*?)```", Pattern.DOTALL).matcher(doc);
        m.find();
        byte[] example = m.group(1).strip().getBytes(StandardCharsets.UTF_8);
        Journal j = JournalCodec.decode(example);
        assertEquals(JournalState.ArtifactReboot, j.state());
        assertEquals(Slot.B, j.update().orElseThrow().toSlot());
        assertEquals("v1", j.slot(Slot.A).orElseThrow().version());
        String encoded = new String(JournalCodec.encode(j), StandardCharsets.UTF_8).strip();
        assertEquals(new String(example, StandardCharsets.UTF_8), encoded);
    }

    @Test
    void stateTableListsEveryState() {
        Set<String> documented = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^\\| `([A-Za-z]+)` \\| (?!string|integer|object)").matcher(doc);
        while (m.find()) {
            documented.add(m.group(1));
        }
        Set<String> code = new TreeSet<>();
        Arrays.stream(JournalState.values()).forEach(s -> code.add(s.name()));
        assertEquals(code, documented);
    }
}
