package io.hostapp.delta;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * kill -9 in the middle of an operation: a child JVM applies a delta to files and is killed (destroyForcibly)
 * half-way through operation {@link #KILL_IN}; this JVM then resumes from the checkpoint file, must start at
 * exactly that operation (redoing only it), fetch only the rest of the payload, and produce the right image.
 */
class KilledApplyTest {
    static final int KILL_IN = 7;

    @TempDir
    Path dir;

    @Test
    void killedApplyResumesAtTheInterruptedOperation() throws Exception {
        byte[] v1 = TestImages.image(256, 31);
        byte[] v2 = TestImages.nextVersion(v1, 32);
        byte[] delta = Payloads.encode(v1, v2, dir, Payloads.FAST.withMaxPatch(32 << 10));
        Path src = Files.write(dir.resolve("v1.img"), v1);
        Path payload = Files.write(dir.resolve("delta.bin"), delta);
        Path out = dir.resolve("out.img");
        Path cp = dir.resolve("out.checkpoint");

        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                KilledApplyTest.class.getName(), src.toString(), payload.toString(), out.toString(), cp.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            do {
                line = r.readLine();
            } while (line != null && !line.startsWith("midway "));
            assertEquals("midway " + KILL_IN, line, "child reached the operation to be killed in");
        } finally {
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }

        FileCheckpointStore store = new FileCheckpointStore(cp);
        assertEquals(KILL_IN, store.load().orElseThrow().nextOperation());
        ResumeTest.Started resumed = new ResumeTest.Started();
        try (FileChannel s = FileChannel.open(src); FileChannel t = FileChannel.open(out, StandardOpenOption.READ,
                StandardOpenOption.WRITE); FileChannel in = FileChannel.open(payload)) {
            DeltaDecoder d = new DeltaDecoder(SourceReader.of(s), TargetWriter.of(t, Long.MAX_VALUE), store)
                    .listener(resumed);
            long offset = d.resumeOffset();
            in.position(offset);
            ApplyResult result = d.apply(Channels.newInputStream(in));
            assertEquals(KILL_IN, result.firstOperation(), "redoes only the operation it was killed in");
            assertEquals(KILL_IN, (int) resumed.started.get(0));
            assertEquals(delta.length - offset, result.payloadBytesRead());
        }
        assertArrayEquals(TestImages.sha256(v2), TestImages.sha256(Files.readAllBytes(out)));
    }

    /** The child: applies, and stops dead half-way through operation KILL_IN's writes, waiting to be killed. */
    public static void main(String[] args) throws Exception {
        try (FileChannel s = FileChannel.open(Path.of(args[0]));
             FileChannel t = FileChannel.open(Path.of(args[2]), StandardOpenOption.CREATE, StandardOpenOption.READ,
                     StandardOpenOption.WRITE);
             InputStream in = Files.newInputStream(Path.of(args[1]))) {
            TargetWriter files = TargetWriter.of(t, Long.MAX_VALUE);
            int[] current = {-1};
            long[] opStart = {0, 0};
            TargetWriter stalling = new TargetWriter() {
                @Override
                public long capacity() throws IOException {
                    return files.capacity();
                }

                @Override
                public void write(ByteBuffer b, long position) throws IOException {
                    if (current[0] == KILL_IN && position + b.remaining() > opStart[0] + opStart[1] / 2) {
                        int half = (int) Math.max(1, opStart[0] + opStart[1] / 2 - position);
                        ByteBuffer part = b.duplicate();
                        part.limit(part.position() + Math.min(half, b.remaining()));
                        files.write(part, position);
                        System.out.println("midway " + KILL_IN);
                        System.out.flush();
                        while (true) {
                            try {
                                Thread.sleep(60_000);
                            } catch (InterruptedException e) {
                                return;
                            }
                        }
                    }
                    files.write(b, position);
                }

                @Override
                public int read(ByteBuffer b, long position) throws IOException {
                    return files.read(b, position);
                }

                @Override
                public void sync() throws IOException {
                    files.sync();
                }
            };
            new DeltaDecoder(SourceReader.of(s), stalling, new FileCheckpointStore(Path.of(args[3])))
                    .listener(new DecodeListener() {
                        @Override
                        public void operationStarted(OperationHeader op) {
                            current[0] = op.index();
                            opStart[0] = op.targetOffset();
                            opStart[1] = op.targetLength();
                        }
                    }).apply(in);
        }
    }
}
