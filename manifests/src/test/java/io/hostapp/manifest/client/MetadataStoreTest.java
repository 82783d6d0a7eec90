package io.hostapp.manifest.client;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetadataStoreTest {

    @TempDir
    Path dir;

    @Test
    void roleNamesArePercentEncodedIntoOneSafeFileName() throws Exception {
        assertEquals("..%2Fdelegatedrole", PercentEncoding.quote("../delegatedrole", ""));
        assertEquals("%3F", PercentEncoding.quote("?", ""));
        assertEquals("%C3%A9t%C3%A9", PercentEncoding.quote("été", ""));
        assertEquals("a/b%20c", PercentEncoding.quote("a/b c", "/"));
        MetadataStore store = new MetadataStore(dir.resolve("md"));
        assertEquals(dir.resolve("md/..%2Fx.json"), store.fileFor("../x"));
    }

    @Test
    void persistsExactBytesAtomicallyAndLeavesNoTempFiles() throws Exception {
        MetadataStore store = new MetadataStore(dir);
        byte[] a = "{ \"a\": 1 } ".getBytes(StandardCharsets.UTF_8);
        store.persist("timestamp", a);
        store.persist("timestamp", a);
        assertArrayEquals(a, store.load("timestamp").orElseThrow());
        assertTrue(store.load("snapshot").isEmpty());
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(1, s.count());
        }
    }

    @Test
    void aFailedWriteKeepsTheOldFile() throws Exception {
        Path f = dir.resolve("root.json");
        AtomicFiles.write(f, "old".getBytes(StandardCharsets.UTF_8));
        try {
            AtomicFiles.write(f, out -> {
                out.write("partial".getBytes(StandardCharsets.UTF_8));
                throw new java.io.IOException("power cut");
            });
        } catch (java.io.IOException expected) {
            // the write failed half-way
        }
        assertEquals("old", Files.readString(f));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(1, s.count(), "temp file removed");
        }
    }
}
