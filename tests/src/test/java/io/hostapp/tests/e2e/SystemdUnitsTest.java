package io.hostapp.tests.e2e;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every ExecStart/ExecStop of the shipped systemd units names a verb (and options) the real CLI accepts. */
class SystemdUnitsTest {
    @Test
    void execStartLinesAreValidCommands() throws Exception {
        List<String> commands = new ArrayList<>();
        try (Stream<Path> s = Files.list(Cli.REPO.resolve("scripts/systemd"))) {
            for (Path unit : s.filter(p -> p.toString().endsWith(".service")).sorted().toList()) {
                for (String line : Files.readAllLines(unit)) {
                    if (line.startsWith("ExecStart=/usr/bin/hostapp-update") || line.startsWith("ExecStop=")) {
                        commands.add(line.substring(line.indexOf('=') + 1));
                    }
                }
            }
        }
        assertEquals(4, commands.size(), commands.toString());
        for (String c : commands) {
            assertTrue(c.startsWith("/usr/bin/hostapp-update "), c);
            List<String> args = new ArrayList<>(List.of(c.substring("/usr/bin/hostapp-update ".length()).split(" ")));
            args.add("--help");
            Cli.Result r = Cli.run(args.toArray(new String[0]));
            assertEquals(0, r.rc(), c + ": " + r.all());
            assertFalse(r.out().isBlank(), c);
        }
    }
}
