package io.hostapp.delta;

import org.junit.jupiter.api.Test;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link SourceDigest} against the definition in delta/FORMAT.md, computed independently ({@link TestImages}). */
class SourceDigestTest {
    static final int LOG = SourceDigest.MIN_CHUNK_LOG;
    static final int CHUNK = 1 << LOG;
    static final byte[] IMAGE = new byte[3 * CHUNK + 12345];

    static {
        new Random(5).nextBytes(IMAGE);
    }

    @Test
    void matchesTheDocumentedDefinition() throws IOException {
        int[] lengths = {0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK, IMAGE.length};
        for (int threads : new int[] {1, 4}) {
            for (int length : lengths) {
                byte[] img = Arrays.copyOf(IMAGE, length);
                // a buffer that does not divide the chunk: partial buffers at every chunk's end
                byte[] got = SourceDigest.of(MemoryTarget.source(img), length, LOG, threads, 100_000);
                assertArrayEquals(TestImages.sourceDigest(img, LOG), got, length + " bytes, " + threads + " threads");
            }
        }
    }

    @Test
    void selectedChunksOnly() throws IOException {
        byte[] want = TestImages.chunkSums(IMAGE, LOG); // four chunks, the last one short
        for (int threads : new int[] {1, 3}) {
            byte[] got = SourceDigest.chunkSums(MemoryTarget.source(IMAGE), IMAGE.length, LOG, threads, 1 << 16,
                    i -> i == 1 || i == 3);
            assertEquals(want.length, got.length);
            for (int i = 0; i < 4; i++) {
                byte[] expected = i == 1 || i == 3 ? Arrays.copyOfRange(want, 32 * i, 32 * i + 32) : new byte[32];
                assertArrayEquals(expected, Arrays.copyOfRange(got, 32 * i, 32 * i + 32), "chunk " + i);
            }
            assertArrayEquals(new byte[want.length], SourceDigest.chunkSums(MemoryTarget.source(IMAGE), IMAGE.length,
                    LOG, threads, 1 << 16, i -> false), "none selected: nothing hashed");
        }
    }

    @Test
    void emptySourceIsTheDigestOfNothing() throws IOException {
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                TestImages.hex(SourceDigest.of(SourceReader.EMPTY, 0, LOG, 4, 4096)));
    }

    @Test
    void oneChunkIsTheSha256OfTheChunk() throws IOException {
        byte[] img = Arrays.copyOf(IMAGE, 5000);
        assertArrayEquals(TestImages.sha256(TestImages.sha256(img)),
                SourceDigest.of(MemoryTarget.source(img), img.length, SourceDigest.DEFAULT_CHUNK_LOG, 2, 4096));
    }

    @Test
    void onlyTheFirstLengthBytesCountAndShortReadsAreFine() throws IOException {
        // a slot larger than the image, read a few bytes at a time
        SourceReader trickle = new SourceReader() {
            @Override
            public long length() {
                return IMAGE.length;
            }

            @Override
            public int read(ByteBuffer dst, long position) {
                int n = (int) Math.min(Math.min(dst.remaining(), 7919), IMAGE.length - position);
                dst.put(IMAGE, (int) position, n);
                return n;
            }
        };
        int length = 2 * CHUNK + 3;
        assertArrayEquals(TestImages.sourceDigest(Arrays.copyOf(IMAGE, length), LOG),
                SourceDigest.of(trickle, length, LOG, 3, 1 << 16));
    }

    @Test
    void aSourceThatEndsEarlyIsAnEofOnTheCallingThread() {
        int end = IMAGE.length - 10;
        SourceReader shortSource = reader((dst, position) -> {
            int n = (int) Math.min(dst.remaining(), end - position);
            if (n <= 0) {
                return -1;
            }
            dst.put(IMAGE, (int) position, n);
            return n;
        });
        for (int threads : new int[] {1, 4}) {
            EOFException e = assertThrows(EOFException.class,
                    () -> SourceDigest.of(shortSource, IMAGE.length, LOG, threads, 1 << 16));
            assertEquals("source ends at " + end + ", expected " + IMAGE.length + " bytes",
                    e.getMessage());
        }
    }

    @Test
    void whatAHashingThreadThrowsIsRethrownAsItWas() {
        IOException io = new IOException("read error");
        SourceReader failing = reader((dst, position) -> {
            if (position >= 2L * CHUNK) {
                throw io;
            }
            return MemoryTarget.source(IMAGE).read(dst, position);
        });
        assertSame(io, assertThrows(IOException.class, () -> SourceDigest.of(failing, IMAGE.length, LOG, 4, 1 << 16)));
        Error cut = new Error("power cut");
        SourceReader cutting = reader((dst, position) -> {
            throw cut;
        });
        assertSame(cut, assertThrows(Error.class, () -> SourceDigest.of(cutting, IMAGE.length, LOG, 4, 1 << 16)));
    }

    @Test
    void interruptionIsAnInterruptedIoException() {
        Thread.currentThread().interrupt();
        try {
            assertThrows(InterruptedIOException.class,
                    () -> SourceDigest.of(MemoryTarget.source(IMAGE), IMAGE.length, LOG, 4, 1 << 16));
        } finally {
            assertTrue(Thread.interrupted(), "the interrupt flag stays set");
        }
    }

    @Test
    void chunkLogOutsideTheFormatIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> SourceDigest.of(SourceReader.EMPTY, 0, SourceDigest.MIN_CHUNK_LOG - 1, 1, 4096));
        assertThrows(IllegalArgumentException.class,
                () -> SourceDigest.of(SourceReader.EMPTY, 0, SourceDigest.MAX_CHUNK_LOG + 1, 1, 4096));
        assertEquals(0, SourceDigest.chunkCount(0, LOG));
        assertEquals(1, SourceDigest.chunkCount(CHUNK, LOG));
        assertEquals(2, SourceDigest.chunkCount(CHUNK + 1, LOG));
        assertFalse(SourceDigest.defaultThreads() < 2 || SourceDigest.defaultThreads() > 4);
    }

    static SourceReader reader(Digests.PositionalRead r) {
        return new SourceReader() {
            @Override
            public long length() {
                return IMAGE.length;
            }

            @Override
            public int read(ByteBuffer dst, long position) throws IOException {
                return r.read(dst, position);
            }
        };
    }
}
