package io.hostapp.updater.install;

import io.hostapp.boot.Slot;
import io.hostapp.delta.encoder.DeltaEncoder;
import io.hostapp.delta.encoder.EncoderOptions;
import io.hostapp.updater.ExitCode;
import io.hostapp.updater.SimFixture;
import io.hostapp.updater.UpdateException;
import io.hostapp.updater.device.Device;
import io.hostapp.updater.journal.Journal;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Payloads in the hostapp payload format (delta/FORMAT.md) through the install pipeline. */
class StructuredPayloadTest {
    static final int SIZE = 600_000;

    @TempDir
    Path tmp;
    Path dev;
    Path v1;
    Path v2;

    @BeforeEach
    void setUp() throws Exception {
        SimFixture.create(tmp, 3, 1);
        dev = tmp.resolve("device");
        v1 = tmp.resolve("v1.img"); // SimFixture wrote the factory image here
        byte[] b = Files.readAllBytes(v1);
        byte[] n = b.clone();
        for (int i = 200_000; i < 210_000; i++) {
            n[i] = (byte) ('a' + i % 7); // a changed region, the rest identical
        }
        v2 = Files.write(tmp.resolve("v2.img"), n);
    }

    private Path encode(boolean delta) throws IOException {
        Path out = tmp.resolve(delta ? "v1-v2.delta" : "v2.full");
        // small operations (64 KiB), so a 600 KB image has several checkpoints
        DeltaEncoder enc = new DeltaEncoder(EncoderOptions.DEFAULT.withThreads(1).withMaxPatch(64 << 10), s -> { });
        if (delta) {
            enc.diff(v1, v2, out);
        } else {
            enc.fullImage(v2, out);
        }
        return out;
    }

    private Journal install(PayloadSource src, Optional<PayloadSource> fallback) throws UpdateException {
        return new InstallPipeline(SimFixture.open(dev)).run(new InstallRequest(src, Optional.of("v2"), false, false,
                fallback));
    }

    private void assertSlotB() throws IOException {
        byte[] slot = Files.readAllBytes(dev.resolve("slot-b.img"));
        assertTrue(Arrays.equals(Files.readAllBytes(v2), Arrays.copyOf(slot, (int) Files.size(v2))));
    }

    @Test
    void fullImagePayloadInstalls() throws Exception {
        Journal j = install(new FilePayloadSource(encode(false)), Optional.empty());
        assertEquals(SimFixture.sha256(v2), j.slot(Slot.B).orElseThrow().sha256());
        assertSlotB();
    }

    @Test
    void deltaFromTheActiveSlotInstallsAndIsSmall() throws Exception {
        Path delta = encode(true);
        assertTrue(Files.size(delta) < SIZE / 10, "delta of a 10 KB change: " + Files.size(delta) + " bytes");
        Journal j = install(new FilePayloadSource(delta), Optional.empty());
        assertEquals(SimFixture.sha256(v2), j.slot(Slot.B).orElseThrow().sha256());
        assertSlotB();
    }

    @Test
    void deltaForAnotherSourceFallsBackToTheFullImage() throws Exception {
        Path delta = encode(true);
        try (var f = new java.io.RandomAccessFile(dev.resolve("slot-a.img").toFile(), "rw")) {
            f.seek(5);
            f.write('Z'); // the running slot was modified locally: not the delta's source any more
        }
        Journal j = install(new FilePayloadSource(delta), Optional.of(new FilePayloadSource(encode(false))));
        assertEquals(SimFixture.sha256(v2), j.slot(Slot.B).orElseThrow().sha256());
        assertSlotB();
    }

    @Test
    void deltaForAnotherSourceWithoutFallbackIsACleanFailure() throws Exception {
        Path delta = encode(true);
        try (var f = new java.io.RandomAccessFile(dev.resolve("slot-a.img").toFile(), "rw")) {
            f.seek(5);
            f.write('Z');
        }
        UpdateException e = assertThrows(UpdateException.class,
                () -> install(new FilePayloadSource(delta), Optional.empty()));
        assertEquals(ExitCode.VERIFY, e.exitCode());
        assertTrue(e.getMessage().contains("the active slot is not this delta's source"), e.getMessage());
        assertEquals(Slot.A, SimFixture.open(dev).boot().primarySlot());
    }

    @Test
    void interruptedApplyResumesFromItsCheckpoint() throws Exception {
        Path full = encode(false);
        long size = Files.size(full);
        // the first attempt's stream breaks two thirds in, as a dropped connection that gave up would
        PayloadSource breaking = new Wrapped(new FilePayloadSource(full)) {
            @Override
            public InputStream open(long offset) throws UpdateException {
                return new FilterInputStream(inner.open(offset)) {
                    long read = offset;

                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        if (read > size * 2 / 3) {
                            throw new io.hostapp.updater.fetch.FetchException(
                                    io.hostapp.updater.fetch.FetchException.Kind.GAVE_UP, "connection lost");
                        }
                        int n = super.read(b, off, (int) Math.min(len, 4096));
                        read += Math.max(n, 0);
                        return n;
                    }
                };
            }
        };
        UpdateException e = assertThrows(UpdateException.class, () -> install(breaking, Optional.empty()));
        assertEquals(ExitCode.NETWORK, e.exitCode());
        assertTrue(Files.exists(dev.resolve("data/apply.checkpoint")), "the checkpoint survives the failure");

        long[] from = {-1};
        PayloadSource counting = new Wrapped(new FilePayloadSource(full)) {
            @Override
            public InputStream open(long offset) throws UpdateException {
                from[0] = offset;
                return inner.open(offset);
            }
        };
        Journal j = install(counting, Optional.empty());
        assertTrue(from[0] > 0, "resumed from the checkpoint, not from byte 0");
        assertEquals(SimFixture.sha256(v2), j.slot(Slot.B).orElseThrow().sha256());
        assertSlotB();
        assertTrue(!Files.exists(dev.resolve("data/apply.checkpoint")), "checkpoint cleared after the install");
    }

    /** A payload source that delegates, so a test can change how it opens. */
    private static class Wrapped implements PayloadSource {
        final PayloadSource inner;

        Wrapped(PayloadSource inner) {
            this.inner = inner;
        }

        @Override
        public String describe() {
            return inner.describe();
        }

        @Override
        public Optional<io.hostapp.manifest.ImageManifest> manifest() throws UpdateException {
            return inner.manifest();
        }

        @Override
        public long storedSize() {
            return inner.storedSize();
        }

        @Override
        public void check() throws UpdateException {
            inner.check();
        }

        @Override
        public InputStream open() throws UpdateException {
            return open(0);
        }

        @Override
        public String defaultVersion() {
            return inner.defaultVersion();
        }
    }
}
