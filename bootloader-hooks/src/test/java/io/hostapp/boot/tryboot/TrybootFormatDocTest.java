package io.hostapp.boot.tryboot;

import io.hostapp.boot.BootFiles;
import io.hostapp.boot.DocExamples;
import io.hostapp.boot.Slot;
import io.hostapp.boot.TrybootBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** TRYBOOT.md §4: the backend, walked through initialize → tryOnce(b) → prepareReboot → markGood(b), writes exactly the documented files. */
class TrybootFormatDocTest {
    @TempDir
    Path dir;

    @Test
    void theStateWalkWritesTheDocumentedFiles() throws Exception {
        List<DocExamples.Example> ex = DocExamples.read("TRYBOOT.md", "autoboot-example");
        assertEquals(List.of("initialize", "tryOnce-b", "prepareReboot", "markGood-b"),
                ex.stream().map(e -> e.params().get("step")).toList());
        Path file = dir.resolve("autoboot.txt");
        Path dt = Files.createDirectories(dir.resolve("dt"));
        Map<Slot, Integer> parts = Map.of(Slot.A, 2, Slot.B, 3);
        TrybootBackend b = new TrybootBackend(file, BootFiles.DISK, new BootloaderProperties(dt), parts);

        TrybootBackend.initialize(file, BootFiles.DISK, parts, Slot.A);
        assertEquals(ex.get(0).text(), Files.readString(file));
        b.tryOnce(Slot.B, 1);
        assertEquals(ex.get(1).text(), Files.readString(file));
        assertEquals("0 tryboot", b.prepareReboot().orElseThrow());
        assertEquals(ex.get(2).text(), Files.readString(file));
        Files.write(dt.resolve("partition"), BootloaderProperties.encodeCell(3)); // the firmware's tryboot boot of b
        Files.write(dt.resolve("tryboot"), BootloaderProperties.encodeCell(1));
        b.markGood(Slot.B);
        assertEquals(ex.get(3).text(), Files.readString(file));
        for (DocExamples.Example e : ex) {
            AutobootTxt.parse(e.text().getBytes()); // every documented file is one the parser accepts
        }
    }
}
