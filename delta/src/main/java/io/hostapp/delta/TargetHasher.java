package io.hostapp.delta;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;

/**
 * Hashes the whole target on a second thread by reading back what the decoder has written, trailing
 * just behind it. Two reasons: the whole-target SHA-256 then costs no time on the decoding thread (a
 * device has at least two cores), and it covers the bytes as the target returns them, not as the decoder
 * meant them. On a resume it starts at 0 and so also re-checks what earlier runs wrote.
 */
final class TargetHasher implements AutoCloseable {
    private final TargetWriter target;
    private final MessageDigest digest = Digests.sha256();
    private final ByteBuffer buf;
    private final Thread thread;
    private long allowed;    // the decoder has written [0, allowed)
    private long hashed;     // the thread has hashed [0, hashed)
    private boolean closed;
    private IOException error;

    TargetHasher(TargetWriter target, int bufferSize) {
        this.target = target;
        this.buf = ByteBuffer.allocate(bufferSize);
        this.thread = new Thread(this::run, "hostapp-delta-target-hash");
        thread.setDaemon(true);
        thread.start();
    }

    /** Lets the thread hash up to {@code position} (everything below it is written). */
    synchronized void advance(long position) {
        allowed = position;
        notifyAll();
    }

    /** Waits until {@code [0, end)} is hashed and returns the digest. */
    byte[] finish(long end) throws IOException {
        advance(end);
        synchronized (this) {
            while (hashed < end && error == null) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("interrupted while hashing the target");
                }
            }
            if (error != null) {
                throw error;
            }
            return digest.digest();
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        notifyAll();
    }

    private void run() {
        try {
            while (true) {
                long from;
                long to;
                synchronized (this) {
                    while (hashed >= allowed && !closed) {
                        wait();
                    }
                    if (closed) {
                        return;
                    }
                    from = hashed;
                    to = Math.min(allowed, hashed + buf.capacity());
                }
                buf.clear().limit((int) (to - from));
                while (buf.hasRemaining()) {
                    if (target.read(buf, from + buf.position()) < 0) {
                        throw new DeltaException("target: reads back only " + (from + buf.position())
                                + " bytes, " + to + " were written");
                    }
                }
                digest.update(buf.array(), 0, buf.position());
                synchronized (this) {
                    hashed = to;
                    notifyAll();
                }
            }
        } catch (IOException e) {
            synchronized (this) {
                error = e;
                notifyAll();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
