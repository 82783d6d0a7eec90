package io.hostapp.boot.tryboot;

import io.hostapp.boot.BootException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AutobootTxtTest {
    private static AutobootTxt parse(String s) throws BootException {
        return AutobootTxt.parse(s.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void readsTheDocumentedLayoutWithCrlfAndKeepsForeignLines() throws Exception {
        AutobootTxt a = parse("# A/B\r\n[all]\r\ntryboot_a_b=1\r\nboot_partition=2\r\nnet_install_at_power_on=1\r\n"
                + "[tryboot]\r\nboot_partition=3\r\n");
        assertEquals(Optional.of(2), a.partition("all"));
        assertEquals(Optional.of(3), a.partition("tryboot"));
        a.set("all", "boot_partition", "3").set("tryboot", "boot_partition", "2");
        assertEquals("[all]\ntryboot_a_b=1\nboot_partition=3\nnet_install_at_power_on=1\n[tryboot]\nboot_partition=2\n",
                new String(a.encode(), StandardCharsets.US_ASCII));
    }

    @Test
    void setAddsSectionsAndRemoveDropsEmptyOnes() throws Exception {
        AutobootTxt a = AutobootTxt.of(2, 2).set("none", "hostapp_trial", "armed");
        assertEquals(Optional.of("armed"), a.get("none", "hostapp_trial"));
        a.remove("none", "hostapp_trial");
        assertEquals("[all]\ntryboot_a_b=1\nboot_partition=2\n[tryboot]\nboot_partition=2\n", a.toString());
    }

    @Test
    void badFilesAreRefusedWithWhatIsWrong() {
        BootException e = assertThrows(BootException.class, () -> parse("[all]\nboot_partition=2\n" + "#".repeat(600)));
        assertEquals("is 623 bytes, the firmware reads at most 512", e.getMessage());
        e = assertThrows(BootException.class, () -> parse("[tryboot]\nboot_partition=3\n"));
        assertEquals("has no [all] section", e.getMessage());
        e = assertThrows(BootException.class, () -> parse("boot_partition=2\n[all]\n"));
        assertEquals("line 1: 'boot_partition=2' comes before the first [section] (the A/B layout starts with [all])",
                e.getMessage());
        e = assertThrows(BootException.class, () -> parse("[all]\nboot_partition=two\n").partition("all"));
        assertEquals("[all] boot_partition='two' is not a partition number", e.getMessage());
        AutobootTxt big = AutobootTxt.of(2, 3).set("all", "x", "y".repeat(500));
        e = assertThrows(BootException.class, big::encode);
        assertEquals("would be 567 bytes, the firmware reads at most 512", e.getMessage());
    }

    @Test
    void deviceTreeCellsAreBigEndian() throws Exception {
        java.nio.file.Path d = java.nio.file.Files.createTempDirectory("dt");
        java.nio.file.Files.write(d.resolve("partition"), new byte[] {0, 0, 0, 3});
        java.nio.file.Files.write(d.resolve("tryboot"), BootloaderProperties.encodeCell(1));
        BootloaderProperties p = new BootloaderProperties(d);
        assertEquals(3, p.partition());
        assertEquals(true, p.tryboot());
        java.nio.file.Files.write(d.resolve("tryboot"), new byte[] {1});
        BootException e = assertThrows(BootException.class, p::tryboot);
        assertEquals("device tree " + d.resolve("tryboot") + ": is 1 bytes, expected one 4-byte big-endian cell",
                e.getMessage());
    }
}
