package io.hostapp.delta;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CheckpointTest {
    @TempDir
    Path dir;

    static Checkpoint sample() {
        byte[] h = new PayloadHeader(PayloadKind.DELTA, 4096, 10, new byte[32], 20, new byte[32], 3, 0, 0, 24,
                new byte[32]).toBytes();
        return new Checkpoint(h, 2, 1234, 8192);
    }

    @Test
    void encodesAndDecodes() throws DeltaException {
        Checkpoint c = sample();
        String text = new String(c.encode(), StandardCharsets.US_ASCII);
        assertTrue(text.startsWith("hostapp-delta checkpoint 1\nheader "), text);
        assertTrue(text.contains("\nnext-operation 2\npayload-offset 1234\ntarget-offset 8192\ncrc32c "), text);
        assertEquals(c, Checkpoint.decode(c.encode()));
    }

    @Test
    void rejectsTornOrEditedFiles() {
        byte[] b = sample().encode();
        byte[] torn = java.util.Arrays.copyOf(b, b.length - 5);
        assertThrows(DeltaException.class, () -> Checkpoint.decode(torn));
        String edited = new String(b, StandardCharsets.US_ASCII).replace("next-operation 2", "next-operation 3");
        DeltaException e = assertThrows(DeltaException.class,
                () -> Checkpoint.decode(edited.getBytes(StandardCharsets.US_ASCII)));
        assertEquals("checkpoint: CRC-32C mismatch", e.getMessage());
    }

    @Test
    void fileStoreSavesAtomicallyAndTreatsGarbageAsAbsent() throws IOException {
        FileCheckpointStore store = new FileCheckpointStore(dir.resolve("cp"));
        assertEquals(Optional.empty(), store.load());
        store.save(sample());
        assertEquals(Optional.of(sample()), store.load());
        assertFalse(Files.exists(dir.resolve("cp.tmp")), "temp file renamed away");
        Files.writeString(dir.resolve("cp"), "garbage");
        assertEquals(Optional.empty(), store.load());
        store.save(sample());
        store.clear();
        assertFalse(Files.exists(dir.resolve("cp")));
        store.clear();
    }
}
