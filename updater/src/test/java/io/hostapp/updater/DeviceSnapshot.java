package io.hostapp.updater;

import io.hostapp.updater.journal.Journal;
import io.hostapp.updater.journal.JournalCodec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** The things bad input must never change: the active slot's bytes, the bootloader env, the journal. */
public record DeviceSnapshot(String activeSlotSha, byte[] env, byte[] journal) {

    public static DeviceSnapshot of(Path deviceDir, String activeSlotFile) throws IOException {
        return new DeviceSnapshot(SimFixture.sha256(deviceDir.resolve(activeSlotFile)),
                Files.readAllBytes(deviceDir.resolve("uboot.env")),
                Files.readAllBytes(deviceDir.resolve("data/journal.json")));
    }

    public boolean envEquals(DeviceSnapshot o) {
        return Arrays.equals(env, o.env);
    }

    public boolean journalEquals(DeviceSnapshot o) {
        return Arrays.equals(journal, o.journal);
    }

    public Journal journalDecoded() throws IOException {
        return JournalCodec.decode(journal);
    }
}
