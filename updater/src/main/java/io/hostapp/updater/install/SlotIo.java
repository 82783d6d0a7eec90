package io.hostapp.updater.install;

import io.hostapp.delta.SourceReader;
import io.hostapp.delta.TargetWriter;
import io.hostapp.updater.storage.Storage;

import java.io.IOException;
import java.nio.ByteBuffer;

/** The decoder's view of the slots, through the storage facade: the active slot read-only, the inactive one bounded. */
final class SlotIo {
    private SlotIo() {
    }

    static SourceReader source(Storage.BlockDevice active, long length) {
        return new SourceReader() {
            @Override
            public long length() {
                return length;
            }

            @Override
            public int read(ByteBuffer dst, long position) throws IOException {
                return active.read(dst, position);
            }
        };
    }

    static TargetWriter target(Storage.BlockDevice inactive, long capacity) {
        return new TargetWriter() {
            @Override
            public long capacity() {
                return capacity;
            }

            @Override
            public void write(ByteBuffer src, long position) throws IOException {
                if (position < 0 || position + src.remaining() > capacity) {
                    throw new IOException("write of " + src.remaining() + " bytes at " + position
                            + " outside the slot (" + capacity + " bytes)");
                }
                inactive.write(src, position);
            }

            @Override
            public int read(ByteBuffer dst, long position) throws IOException {
                return inactive.read(dst, position);
            }

            @Override
            public void sync() throws IOException {
                inactive.sync();
            }

            @Override
            public boolean concurrentSync() {
                return inactive.concurrentSync();
            }
        };
    }
}
