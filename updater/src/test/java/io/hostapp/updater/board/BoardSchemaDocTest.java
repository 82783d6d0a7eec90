package io.hostapp.updater.board;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** boards/README.md's field tables list exactly the fields the loader accepts. */
class BoardSchemaDocTest {
    private static final Pattern ROW = Pattern.compile("^\\| `([A-Za-z]+)` \\|");

    @Test
    void fieldTablesMatchTheLoader() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("../boards/README.md"));
        Map<String, Set<String>> doc = new LinkedHashMap<>();
        String heading = null;
        for (String l : lines) {
            if (l.startsWith("### ")) {
                heading = l.substring(4).strip();
                doc.put(heading, new TreeSet<>());
            } else if (heading != null) {
                Matcher m = ROW.matcher(l);
                if (m.find()) {
                    doc.get(heading).add(m.group(1));
                }
            }
        }
        assertEquals(new TreeSet<>(BoardLoader.FIELDS.keySet()), new TreeSet<>(doc.keySet()), "documented objects");
        for (var e : BoardLoader.FIELDS.entrySet()) {
            assertEquals(new TreeSet<>(e.getValue()), doc.get(e.getKey()), "fields of '" + e.getKey() + "'");
        }
    }

    @Test
    void shippedBoardListMatchesTheDirectory() throws Exception {
        Set<String> files = new TreeSet<>();
        try (var s = Files.list(Path.of("../boards"))) {
            s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
                    .forEach(n -> files.add(n.substring(0, n.length() - 5)));
        }
        assertEquals(files, new TreeSet<>(BoardLoader.shippedBoards()));
    }
}
