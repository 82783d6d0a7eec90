package io.hostapp.boot.efi;

import io.hostapp.boot.DocExamples;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** EFI.md §3: each dump decodes to its attributes and boot numbers, and our encoder writes exactly those bytes. */
class EfiFormatDocTest {
    @Test
    void examplesMatchTheCodec() throws Exception {
        List<DocExamples.Example> ex = DocExamples.read("EFI.md", "efivar-example");
        assertEquals(4, ex.size());
        for (DocExamples.Example e : ex) {
            byte[] bytes = DocExamples.hex(e.lines());
            String name = e.params().get("name");
            int dash = name.indexOf('-');
            assertEquals(name, EfiVariable.fileName(name.substring(0, dash), UUID.fromString(name.substring(dash + 1))));
            EfiVariable v = EfiVariable.decode(bytes);
            assertEquals(Integer.decode(e.params().get("attributes")).intValue(), v.attributes(), name);
            List<Integer> numbers = new ArrayList<>();
            for (String n : e.params().get("numbers").split(",")) {
                numbers.add(Integer.parseInt(n, 16));
            }
            assertEquals(numbers, v.bootNumbers(), name);
            EfiVariable ours = EfiVariable.ofBootNumbers(numbers);
            assertArrayEquals(bytes, new EfiVariable(v.attributes(), ours.data()).encode(), name);
        }
        assertEquals("8be4df61-93ca-11d2-aa0d-00e098032b8c", EfiVariable.GLOBAL.toString());
    }
}
