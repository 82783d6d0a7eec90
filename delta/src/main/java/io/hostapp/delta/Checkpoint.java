package io.hostapp.delta;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How far an apply got: operations before {@code nextOperation} are written, durable and verified.
 * Serialized as the small text file of {@code delta/FORMAT.md} "Checkpoint file".
 *
 * @param header        the payload header bytes ({@link PayloadFormat#HEADER_SIZE}), so a resumed stream need not carry the header again
 * @param nextOperation index of the first operation not yet applied
 * @param payloadOffset payload byte offset where that operation's header starts
 * @param targetOffset  target byte offset where it writes
 */
public record Checkpoint(byte[] header, int nextOperation, long payloadOffset, long targetOffset) {
    static final String FIRST_LINE = "hostapp-delta checkpoint 1";

    public Checkpoint {
        header = header.clone();
        if (header.length != PayloadFormat.HEADER_SIZE || nextOperation < 0 || payloadOffset < 0 || targetOffset < 0) {
            throw new IllegalArgumentException("bad checkpoint");
        }
    }

    @Override
    public byte[] header() {
        return header.clone();
    }

    /** The checkpoint file's bytes. */
    public byte[] encode() {
        String body = FIRST_LINE + "\n"
                + "header " + HexFormat.of().formatHex(header) + "\n"
                + "next-operation " + nextOperation + "\n"
                + "payload-offset " + payloadOffset + "\n"
                + "target-offset " + targetOffset + "\n";
        byte[] b = body.getBytes(StandardCharsets.US_ASCII);
        String crc = String.format("%08x", PayloadFormat.crc32c(b, 0, b.length));
        return (body + "crc32c " + crc + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** Parses a checkpoint file; throws {@link DeltaException} if it is torn, corrupt or of another version. */
    public static Checkpoint decode(byte[] file) throws DeltaException {
        String text = new String(file, StandardCharsets.US_ASCII);
        int crcLine = text.lastIndexOf("crc32c ");
        if (!text.startsWith(FIRST_LINE + "\n") || crcLine < 0 || !text.endsWith("\n")) {
            throw new DeltaException("checkpoint: not a version-1 checkpoint file");
        }
        String crc = text.substring(crcLine + 7, text.length() - 1);
        if (!crc.equals(String.format("%08x", PayloadFormat.crc32c(file, 0, crcLine)))) {
            throw new DeltaException("checkpoint: CRC-32C mismatch");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : text.substring(FIRST_LINE.length() + 1, crcLine).split("\n")) {
            int sp = line.indexOf(' ');
            if (sp < 0) {
                throw new DeltaException("checkpoint: malformed line '" + line + "'");
            }
            fields.put(line.substring(0, sp), line.substring(sp + 1));
        }
        try {
            return new Checkpoint(HexFormat.of().parseHex(fields.get("header")),
                    Integer.parseInt(fields.get("next-operation")),
                    Long.parseLong(fields.get("payload-offset")),
                    Long.parseLong(fields.get("target-offset")));
        } catch (RuntimeException e) {
            throw new DeltaException("checkpoint: bad field (" + e.getMessage() + ")");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Checkpoint c && java.util.Arrays.equals(encode(), c.encode());
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(encode());
    }

    @Override
    public String toString() {
        return "checkpoint: next operation " + nextOperation + " at payload offset " + payloadOffset
                + ", target offset " + targetOffset;
    }
}
