package io.hostapp.updater.device;

import io.hostapp.boot.Slot;
import io.hostapp.boot.UbootBackend;
import io.hostapp.updater.SimFixture;
import io.hostapp.updater.UpdateException;
import io.hostapp.updater.events.UpdateListener;
import io.hostapp.updater.install.FilePayloadSource;
import io.hostapp.updater.install.InstallPipeline;
import io.hostapp.updater.install.InstallRequest;
import io.hostapp.updater.journal.JournalState;
import io.hostapp.updater.storage.DiskStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real-device path: {@code /etc/hostapp-update/config.json} names a non-simulated board with absolute
 * paths (here files standing in for partitions), the booted slot comes from a {@code root=} on the kernel
 * command line, and the same pipeline installs into the other slot.
 */
class RealDeviceTest {
    @TempDir
    Path tmp;

    @Test
    void configNamesTheBoardAndTheSamePipelineServesIt() throws Exception {
        for (String s : new String[] {"root-a", "root-b"}) {
            try (RandomAccessFile f = new RandomAccessFile(tmp.resolve(s).toFile(), "rw")) {
                f.setLength(1 << 20);
            }
        }
        Files.writeString(tmp.resolve("cmdline"), "console=ttyAMA0 root=PARTLABEL=root-b rootwait\n");
        Path board = Files.writeString(tmp.resolve("myboard.json"), """
                {"schema": 1, "name": "myboard",
                 "slots": {"a": {"device": "%1$s/root-a", "root": "PARTLABEL=root-a"},
                           "b": {"device": "%1$s/root-b", "root": "PARTLABEL=root-b"}},
                 "bootloader": {"type": "uboot", "env": [{"device": "%1$s/uboot.env", "size": 16384}]},
                 "cmdline": "%1$s/cmdline", "dataDir": "%1$s/data", "reboot": ["true"]}
                """.formatted(tmp));
        Path etc = Files.createDirectories(tmp.resolve("etc"));
        Files.writeString(etc.resolve("config.json"), "{\"board\": \"" + board + "\"}");
        Files.write(tmp.resolve("uboot.env"), new byte[16384]);

        Device d = Device.openReal(etc, new DiskStorage(), UpdateListener.NONE);
        UbootBackend.initialize(BootBackends.ubootStore(d), BootBackends.ubootVariables(d.board()), Slot.B, Map.of());
        assertEquals(Slot.B, d.boot().bootedSlot());
        assertEquals(1 << 20, d.slotSize(Slot.A), "size from the device itself");

        Path img = SimFixture.image(tmp, "v2.img", 100_000, true, 9);
        var j = new InstallPipeline(d).run(new InstallRequest(new FilePayloadSource(img), Optional.empty(), false, false));
        assertEquals(JournalState.ArtifactReboot, j.state());
        assertEquals(Slot.A, j.update().orElseThrow().toSlot());
        assertEquals(Slot.A, d.boot().primarySlot());
    }

    @Test
    void missingConfigSaysWhatToDo() {
        UpdateException e = assertThrows(UpdateException.class,
                () -> Device.openReal(tmp, new DiskStorage(), UpdateListener.NONE));
        assertTrue(e.getMessage().contains("config.json: no device configuration"), e.getMessage());
        assertTrue(e.getMessage().contains("use --device DIR"), e.getMessage());
    }
}
