package io.hostapp.delta;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class TargetWriterTest {
    @TempDir
    Path dir;

    @Test
    void zeroRunsOverwriteOldContentsUnlessPastTheEndOfASparseFile() throws IOException {
        byte[] old = new byte[8192];
        Arrays.fill(old, (byte) 7);
        for (boolean sparse : new boolean[] {false, true}) {
            Path f = Files.write(dir.resolve("slot-" + sparse), old);
            try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                TargetWriter t = sparse ? TargetWriter.sparseFile(ch) : TargetWriter.of(ch, 1 << 20);
                t.writeZeros(4096, 4096);          // inside the old contents: must really be zeroed
                t.writeZeros(8192, 100_000);       // past the end: a hole for the sparse file
            }
            byte[] want = new byte[8192 + 100_000];
            Arrays.fill(want, 0, 4096, (byte) 7);
            assertArrayEquals(want, Files.readAllBytes(f), "sparse=" + sparse);
            assertEquals(want.length, Files.size(f));
        }
    }
}
