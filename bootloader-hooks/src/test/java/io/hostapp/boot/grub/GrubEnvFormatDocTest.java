package io.hostapp.boot.grub;

import io.hostapp.boot.DocExamples;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The examples of GRUB-ENV.md §3 decode to their variables, and "ours" ones are exactly our writer's bytes. */
class GrubEnvFormatDocTest {
    @Test
    void examplesMatchTheCodec() throws Exception {
        List<DocExamples.Example> ex = DocExamples.read("GRUB-ENV.md", "grubenv-example");
        assertEquals(2, ex.size(), "GRUB-ENV.md examples");
        for (DocExamples.Example e : ex) {
            byte[] text = e.text().getBytes(StandardCharsets.ISO_8859_1);
            byte[] block = Arrays.copyOf(text, GrubEnv.SIZE);
            Arrays.fill(block, text.length, GrubEnv.SIZE, (byte) '#');
            Map<String, String> want = DocExamples.vars(e.params().get("vars"));
            assertEquals(want, GrubEnv.decode(block), "decoded " + e.params());
            assertEquals(List.copyOf(want.keySet()), List.copyOf(GrubEnv.decode(block).keySet()), "order");
            if (e.params().get("writer").equals("ours")) {
                assertArrayEquals(block, GrubEnv.encode(want), "our bytes for " + e.params());
            }
        }
    }
}
