package io.hostapp.delta;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Checks the code against {@code delta/FORMAT.md}: the layout tables (offsets, sizes, field order), the
 * operation kind codes, and the checkpoint file's lines are read from the document and compared with
 * what the serializers produce.
 */
class FormatDocumentTest {
    static String doc;

    record Row(String offset, int size, String field, String meaning) {
    }

    @BeforeAll
    static void read() throws IOException {
        doc = Files.readString(Path.of("FORMAT.md"));
    }

    static String section(String heading) {
        int at = doc.indexOf("\n## " + heading);
        assertTrue(at >= 0, "FORMAT.md has a section '" + heading + "'");
        int end = doc.indexOf("\n## ", at + 4);
        return doc.substring(at, end < 0 ? doc.length() : end);
    }

    static List<String[]> table(String section) {
        List<String[]> rows = new ArrayList<>();
        for (String line : section.split("\n")) {
            if (line.startsWith("|") && !line.startsWith("|--") && !line.startsWith("|-")
                    && !line.matches("\\|[-:| ]+\\|")) {
                String[] cells = line.substring(1, line.length() - 1).split("\\|", -1);
                for (int i = 0; i < cells.length; i++) {
                    cells[i] = cells[i].trim();
                }
                rows.add(cells);
            }
        }
        return rows.subList(1, rows.size()); // drop the column headings
    }

    static List<Row> layout(String heading) {
        List<Row> rows = new ArrayList<>();
        for (String[] c : table(section(heading))) {
            rows.add(new Row(c[0], c[1].contains("n") ? -1 : Integer.parseInt(c[1]), c[2], c[3]));
        }
        return rows;
    }

    /** Evaluates "24 + 16n" style offsets for n extents. */
    static int offset(String expr, int n) {
        Matcher m = Pattern.compile("(\\d+)(?: \\+ 16n)?").matcher(expr);
        assertTrue(m.matches(), "offset expression " + expr);
        return Integer.parseInt(m.group(1)) + (expr.contains("16n") ? 16 * n : 0);
    }

    @Test
    void headerLayoutMatchesTheDocument() {
        assertTrue(doc.startsWith("# hostapp payload format, version " + PayloadFormat.VERSION + "\n"));
        assertTrue(doc.contains("## Header (" + PayloadFormat.HEADER_SIZE + " bytes)"));
        byte[] src = new byte[32];
        byte[] tgt = new byte[32];
        byte[] digest = new byte[32];
        Arrays.fill(src, (byte) 0x11);
        Arrays.fill(tgt, (byte) 0x22);
        Arrays.fill(digest, (byte) 0x44);
        PayloadHeader h = new PayloadHeader(PayloadKind.DELTA, 4096, 0x0a0b0c0d0eL, src, 0x0102030405L, tgt, 77,
                1 << 20, 23, 24, digest);
        byte[] b = h.toBytes();
        Map<String, byte[]> expected = new LinkedHashMap<>();
        expected.put("magic", PayloadFormat.MAGIC);
        expected.put("version", be(PayloadFormat.VERSION, 2));
        expected.put("payload kind", be(0, 2));
        expected.put("block size", be(4096, 4));
        expected.put("source length", be(0x0a0b0c0d0eL, 8));
        expected.put("source sha256", src);
        expected.put("target length", be(0x0102030405L, 8));
        expected.put("target sha256", tgt);
        expected.put("operation count", be(77, 4));
        expected.put("max reference", be(1 << 20, 4));
        expected.put("window log", be(23, 4));
        expected.put("source chunk log", be(24, 4));
        expected.put("source digest", digest);
        expected.put("header crc32c", be(Integer.toUnsignedLong(PayloadFormat.crc32c(b, 0, PayloadFormat.HEADER_SIZE - 4)), 4));
        int next = 0;
        List<Row> rows = layout("Header");
        assertEquals(new ArrayList<>(expected.keySet()), rows.stream().map(Row::field).toList(), "field order");
        for (Row r : rows) {
            int off = offset(r.offset(), 0);
            assertEquals(next, off, r.field() + " follows the previous field");
            byte[] want = expected.get(r.field());
            assertNotNull(want, "unknown field " + r.field());
            assertEquals(want.length, r.size(), r.field() + " size");
            assertArrayEquals(want, Arrays.copyOfRange(b, off, off + r.size()), r.field() + " bytes");
            next = off + r.size();
        }
        assertEquals(PayloadFormat.HEADER_SIZE, next);
        String magicHex = HexFormat.ofDelimiter(" ").withUpperCase().formatHex(PayloadFormat.MAGIC);
        assertTrue(rows.get(0).meaning().contains("`" + magicHex + "`"), "magic bytes written in the document");
        assertEquals("`" + PayloadFormat.VERSION + "`", rows.get(1).meaning(), "version");
        String chunkLog = rows.stream().filter(r -> r.field().equals("source chunk log")).findFirst().orElseThrow()
                .meaning();
        assertTrue(chunkLog.contains("`" + SourceDigest.MIN_CHUNK_LOG + "` to `" + SourceDigest.MAX_CHUNK_LOG + "`"),
                chunkLog);
        assertTrue(chunkLog.contains("uses `" + SourceDigest.DEFAULT_CHUNK_LOG + "`"), chunkLog);
        assertEquals(PayloadFormat.HEADER_SIZE - 4, offset(rows.get(rows.size() - 1).offset(), 0));
        assertTrue(rows.get(rows.size() - 1).meaning().contains("bytes 0.." + (PayloadFormat.HEADER_SIZE - 5)),
                "the CRC's range");
    }

    /** Evaluates the chunk table's "⌈k/8⌉", "32 × k", "⌈k/8⌉ + 32k" and plain numbers for k chunks. */
    static int tableExpr(String expr, int k) {
        int sum = 0;
        for (String term : expr.split(" \\+ ")) {
            term = term.trim();
            if (term.equals("⌈k/8⌉")) {
                sum += (k + 7) / 8;
            } else if (term.equals("32 × k") || term.equals("32k")) {
                sum += 32 * k;
            } else {
                sum += Integer.parseInt(term);
            }
        }
        return sum;
    }

    @Test
    void sourceChunkTableLayoutMatchesTheDocument() throws DeltaException {
        int k = 11; // a source of 10 full 1 MiB chunks and a short one
        long length = (10L << 20) + 5;
        byte[] sums = new byte[32 * k];
        for (int i = 0; i < sums.length; i++) {
            sums[i] = (byte) (i * 7 + 1);
        }
        SourceChunkTable t = SourceChunkTable.of(length, 20, sums);
        t.markRead(new Extent((9L << 20) + 100, 10)); // chunk 9: byte 1, value 2^(9 mod 8) = 2
        t.markRead(new Extent((2L << 20) - 1, 2)); // chunks 1 and 2: byte 0, values 2 and 4
        byte[] b = t.toBytes();
        Map<String, byte[]> expected = new LinkedHashMap<>();
        expected.put("read bits", new byte[] {2 | 4, 2});
        expected.put("chunk sha256", sums);
        expected.put("table crc32c", be(Integer.toUnsignedLong(PayloadFormat.crc32c(b, 0, b.length - 4)), 4));
        String section = section("Source chunk table");
        assertTrue(section.contains("(deltas only; ⌈k/8⌉ + 32 × k + 4 bytes)"), section);
        List<String[]> rows = table(section);
        assertEquals(new ArrayList<>(expected.keySet()), rows.stream().map(c -> c[2]).toList(), "field order");
        int next = 0;
        for (String[] c : rows) {
            int off = tableExpr(c[0], k);
            int size = tableExpr(c[1], k);
            assertEquals(next, off, c[2] + " follows the previous field");
            assertArrayEquals(expected.get(c[2]), Arrays.copyOfRange(b, off, off + size), c[2] + " bytes");
            next = off + size;
        }
        assertEquals(b.length, next);
        assertTrue(rows.get(0)[3].contains("byte *i* / 8, value 2^(*i* mod 8)"), rows.get(0)[3]);
        // the sizes the prose gives
        assertTrue(section.contains("encoder's 4 MiB chunks the table is "
                + SourceChunkTable.size(512L << 20, SourceDigest.DEFAULT_CHUNK_LOG) + " bytes"), section);
        assertEquals(22, SourceDigest.DEFAULT_CHUNK_LOG);
        assertTrue(section("Header").contains("at most 4 MiB (" + PayloadFormat.MAX_CHUNK_TABLE + " bytes"));
        // the table's digests make the header's source digest
        PayloadHeader h = new PayloadHeader(PayloadKind.DELTA, 4096, length, new byte[32], 1, new byte[32], 1,
                0, 0, 20, SourceDigest.digestOf(sums));
        assertEquals(3, SourceChunkTable.parse(h, b).readChunks());
        assertTrue(doc.contains("payload   = header [source-chunk-table] operation{operation count}"));
    }

    @Test
    void operationHeaderLayoutMatchesTheDocument() {
        assertTrue(doc.contains("## Operation header (" + PayloadFormat.OP_HEADER_FIXED + " + 16 × extent count bytes)"));
        byte[] sha = new byte[32];
        Arrays.fill(sha, (byte) 0x33);
        List<Extent> extents = List.of(new Extent(0x1000, 0x2000), new Extent(0x5000, 0x10));
        OperationHeader op = new OperationHeader(OpKind.DIFF, 5, 0x10000, 0x3000, extents, 999, sha);
        byte[] b = op.toBytes();
        ByteBuffer ext = ByteBuffer.allocate(32).putLong(0x1000).putLong(0x2000).putLong(0x5000).putLong(0x10);
        Map<String, byte[]> expected = new LinkedHashMap<>();
        expected.put("kind", be(OpKind.DIFF.code(), 1));
        expected.put("flags", be(0, 1));
        expected.put("extent count", be(2, 2));
        expected.put("index", be(5, 4));
        expected.put("target offset", be(0x10000, 8));
        expected.put("target length", be(0x3000, 8));
        expected.put("extents", ext.array());
        expected.put("data length", be(999, 4));
        expected.put("target sha256", sha);
        expected.put("header crc32c", be(Integer.toUnsignedLong(PayloadFormat.crc32c(b, 0, b.length - 4)), 4));
        List<Row> rows = layout("Operation header");
        assertEquals(new ArrayList<>(expected.keySet()), rows.stream().map(Row::field).toList(), "field order");
        int next = 0;
        for (Row r : rows) {
            int off = offset(r.offset(), 2);
            assertEquals(next, off, r.field() + " follows the previous field");
            byte[] want = expected.get(r.field());
            int size = r.size() < 0 ? 32 : r.size();
            assertEquals(want.length, size, r.field() + " size");
            assertArrayEquals(want, Arrays.copyOfRange(b, off, off + size), r.field() + " bytes");
            next = off + size;
        }
        assertEquals(b.length, next);
        assertEquals(PayloadFormat.OP_HEADER_FIXED + 2 * PayloadFormat.EXTENT_SIZE, b.length);
    }

    @Test
    void operationKindsMatchTheDocument() {
        List<String[]> rows = table(section("Operation kinds"));
        assertEquals(OpKind.values().length, rows.size());
        for (String[] c : rows) {
            OpKind k = OpKind.valueOf(c[1].replace("`", ""));
            assertEquals(k.code(), Integer.parseInt(c[0]), k + " code");
            assertEquals(k.hasData(), c[3].contains("zstd frame"), k + " data");
            String space = c[2].startsWith("none") ? "NONE" : c[2].startsWith("source") ? "SOURCE" : "TARGET";
            assertEquals(k.space().name(), space, k + " extents");
        }
    }

    @Test
    void checkpointFileMatchesTheDocument() {
        String s = section("Checkpoint file");
        int a = s.indexOf("```\n") + 4;
        String[] docLines = s.substring(a, s.indexOf("```", a)).split("\n");
        byte[] h = new PayloadHeader(PayloadKind.DELTA, 4096, 1, new byte[32], 1, new byte[32], 1, 0, 0, 24,
                new byte[32]).toBytes();
        String[] lines = new String(new Checkpoint(h, 1, 2, 3).encode(), StandardCharsets.US_ASCII).split("\n");
        assertEquals(docLines.length, lines.length);
        assertEquals(docLines[0], lines[0]);
        for (int i = 1; i < lines.length; i++) {
            assertEquals(docLines[i].substring(0, docLines[i].indexOf(' ')), lines[i].substring(0, lines[i].indexOf(' ')));
        }
        assertTrue(docLines[1].contains("<" + 2 * PayloadFormat.HEADER_SIZE + " hex digits"));
    }

    static byte[] be(long v, int size) {
        byte[] b = new byte[size];
        for (int i = size - 1; i >= 0; i--) {
            b[i] = (byte) v;
            v >>>= 8;
        }
        return b;
    }
}
