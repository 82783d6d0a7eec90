package io.hostapp.delta;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Random;

/**
 * Synthetic images that look like file systems to the encoder: 4 KiB blocks of text-like (compressible)
 * and random (incompressible) content, runs of zeros, and edits between versions (moved blocks, changed
 * regions, inserted bytes).
 */
public final class TestImages {
    public static final int BLOCK = 4096;

    private TestImages() {
    }

    /** An image of {@code blocks} blocks: a mix of text-like, random and zero blocks. */
    public static byte[] image(int blocks, long seed) {
        Random r = new Random(seed);
        byte[] img = new byte[blocks * BLOCK];
        String[] words = {"usr", "lib", "share", "python3", "libc.so.6", "ELF", "GLIBC_2.34", "main", "init",
            "config", "systemd", "openssl", "\n", " ", "=", "/", "0x", "deb", "amd64", "x86_64"};
        for (int b = 0; b < blocks; b++) {
            int kind = r.nextInt(10);
            int off = b * BLOCK;
            if (kind < 2) {
                continue; // zero block
            } else if (kind < 4) {
                for (int i = 0; i < BLOCK; i++) {
                    img[off + i] = (byte) r.nextInt(256);
                }
            } else {
                int i = 0;
                while (i < BLOCK) {
                    byte[] w = words[r.nextInt(words.length)].getBytes();
                    int n = Math.min(w.length, BLOCK - i);
                    System.arraycopy(w, 0, img, off + i, n);
                    i += n;
                }
            }
        }
        return img;
    }

    /** A next version of {@code old}: blocks moved around, some regions rewritten, some bytes inserted. */
    public static byte[] nextVersion(byte[] old, long seed) {
        Random r = new Random(seed);
        byte[] img = old.clone();
        int blocks = old.length / BLOCK;
        for (int i = 0; i < blocks / 8; i++) { // move runs of blocks
            int from = r.nextInt(blocks - 4);
            int to = r.nextInt(blocks - 4);
            System.arraycopy(old, from * BLOCK, img, to * BLOCK, 4 * BLOCK);
        }
        for (int i = 0; i < blocks / 16; i++) { // small in-place edits (metadata, version strings)
            int at = r.nextInt(img.length - 64);
            for (int j = 0; j < 1 + r.nextInt(40); j++) {
                img[at + j] = (byte) r.nextInt(256);
            }
        }
        int at = r.nextInt(img.length / 2); // an insertion shifts a region by 100 bytes (an edited file)
        System.arraycopy(img, at, img, at + 100, BLOCK * 8);
        for (int b = 0; b < blocks / 32; b++) { // brand-new content
            int blk = r.nextInt(blocks);
            for (int i = 0; i < BLOCK; i++) {
                img[blk * BLOCK + i] = (byte) r.nextInt(256);
            }
        }
        Arrays.fill(img, (blocks - 3) * BLOCK, blocks * BLOCK, (byte) 0); // free space at the end
        return img;
    }

    public static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The source digest as delta/FORMAT.md defines it, computed here without the code under test: SHA-256
     * of the concatenated SHA-256s of the 2^chunkLog-byte chunks (the last one may be shorter).
     */
    public static byte[] sourceDigest(byte[] img, int chunkLog) {
        return sha256(chunkSums(img, chunkLog));
    }

    /** The concatenated SHA-256s of the 2^chunkLog-byte chunks of {@code img} (the last may be shorter). */
    public static byte[] chunkSums(byte[] img, int chunkLog) {
        java.io.ByteArrayOutputStream sums = new java.io.ByteArrayOutputStream();
        for (int off = 0; off < img.length; off += 1 << chunkLog) {
            sums.writeBytes(sha256(Arrays.copyOfRange(img, off, Math.min(img.length, off + (1 << chunkLog)))));
        }
        return sums.toByteArray();
    }

    public static String hex(byte[] b) {
        return java.util.HexFormat.of().formatHex(b);
    }
}
