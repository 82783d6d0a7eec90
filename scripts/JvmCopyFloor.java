import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.TRUNCATE_EXISTING;
import static java.nio.file.StandardOpenOption.WRITE;

/**
 * The least a JVM program does to write an image, for scripts/bench-delta.sh's floor rows: copies IN to OUT
 * in 1 MiB reads and writes on one thread and fsyncs OUT; with {@code hash}, also SHA-256s what it copies
 * (the JDK's SHA-256, as our decoder uses) and prints it. No decompression, no checkpoints, no CLI library:
 * what is left of a JVM apply once everything but the JVM, the I/O and (with {@code hash}) the checking is
 * taken away.
 *
 * <pre>javac -d DIR scripts/JvmCopyFloor.java && java -cp DIR JvmCopyFloor copy|hash IN OUT</pre>
 */
public final class JvmCopyFloor {
    public static void main(String[] args) throws Exception {
        if (args.length != 3 || !(args[0].equals("copy") || args[0].equals("hash"))) {
            System.err.println("usage: JvmCopyFloor copy|hash IN OUT");
            System.exit(64);
        }
        boolean hash = args[0].equals("hash");
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        byte[] buf = new byte[1 << 20];
        ByteBuffer b = ByteBuffer.wrap(buf);
        try (FileChannel in = FileChannel.open(Path.of(args[1]));
             FileChannel out = FileChannel.open(Path.of(args[2]), CREATE, WRITE, TRUNCATE_EXISTING)) {
            int n;
            while ((n = in.read(b.clear())) > 0) {
                if (hash) {
                    sha256.update(buf, 0, n);
                }
                b.flip();
                while (b.hasRemaining()) {
                    out.write(b);
                }
            }
            out.force(false);
        }
        if (hash) {
            System.out.println(HexFormat.of().formatHex(sha256.digest()) + "  " + args[2]);
        }
    }
}
