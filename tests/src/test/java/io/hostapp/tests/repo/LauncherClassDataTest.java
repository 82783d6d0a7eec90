package io.hostapp.tests.repo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The launchers' class-data archive (scripts/jvm-cds.sh), through the real launcher and JVM: the first run
 * writes NAME.PID.tmp, the next renames it to NAME and maps it, and none of this changes what a command
 * prints; a damaged archive or HOSTAPP_CDS=0 only means running without one.
 */
class LauncherClassDataTest {
    @TempDir
    Path tmp;

    @Test
    void firstRunWritesTheArchiveTheNextUsesItAndOutputNeverChanges() throws Exception {
        Path dir = tmp.resolve("cds");
        Map<String, String> env = Map.of("HOSTAPP_CDS_DIR", dir.toString());
        Launchers.Result first = Launchers.run(env, "hostapp-update", "--version");
        assertEquals(0, first.rc(), first.all());
        assertEquals("", first.err());
        List<Path> files = list(dir);
        assertEquals(1, files.size(), files.toString());
        assertTrue(files.get(0).getFileName().toString().matches("hostapp-update-\\d+\\.jsa\\.\\d+\\.tmp"), files.toString());
        assertTrue(Files.size(files.get(0)) > 0, "the first run dumped its classes at exit");

        Launchers.Result second = Launchers.run(env, "hostapp-update", "--version");
        assertEquals(first, second);
        files = list(dir);
        assertEquals(1, files.size(), files.toString());
        Path archive = files.get(0);
        assertTrue(archive.getFileName().toString().matches("hostapp-update-\\d+\\.jsa"), files.toString());

        // cut short, as a power cut during the dump would leave it: the JVM refuses it and runs without
        try (FileChannel ch = FileChannel.open(archive, StandardOpenOption.WRITE)) {
            ch.truncate(300);
        }
        assertEquals(first, Launchers.run(env, "hostapp-update", "--version"));
        assertEquals(List.of(archive), list(dir));
    }

    @Test
    void turnedOffWritesNothing() throws Exception {
        Path dir = tmp.resolve("off");
        Launchers.Result r = Launchers.run(Map.of("HOSTAPP_CDS_DIR", dir.toString(), "HOSTAPP_CDS", "0"),
                "hostapp-update", "--version");
        assertEquals(0, r.rc(), r.all());
        assertTrue(Files.notExists(dir), "no archive directory made");
    }

    private static List<Path> list(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }
}
