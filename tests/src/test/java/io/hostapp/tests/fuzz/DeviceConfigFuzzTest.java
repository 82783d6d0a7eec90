package io.hostapp.tests.fuzz;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.hostapp.updater.board.BoardFileException;
import io.hostapp.updater.config.DeviceConfigLoader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The device configuration ({@code /etc/hostapp-update/config.json}, updater/CONFIG.md) as hostile bytes:
 * {@link DeviceConfigLoader#load} of a file holding the input.
 *
 * <p>Only {@link BoardFileException} may escape.
 */
class DeviceConfigFuzzTest extends FuzzTarget {
    private static final Path FILE = scratchFile();

    @DictionaryEntries({"\"board\"", "\"repository\"", "\"fetch\"", "\"daemon\"", "\"report\"", "\"url\"",
            "\"channel\"", "\"trustedRoot\"", "\"caBundle\"", "\"clientCert\"", "\"clientKey\"", "\"proxy\"",
            "\"bandwidthLimit\"", "\"deadlineSeconds\"", "\"cache\"", "\"pollIntervalSeconds\"", "\"jitterSeconds\"",
            "\"maintenanceWindows\"", "\"inhibitDir\"", "\"maxInhibitSeconds\"", "\"backoffCapSeconds\"",
            "\"immediately\"", "\"window\"", "\"never\"", "https://", "http://", "mon", "sun", "-", ",", "*", " ",
            "00:00", "23:59", "24:00"})
    @DictionaryFile(resourcePath = "json.dict")
    @FuzzTest(maxDuration = "20s")
    void deviceConfig(byte[] bytes) throws IOException {
        execution();
        Files.write(FILE, bytes);
        try {
            DeviceConfigLoader.load(FILE, false);
        } catch (BoardFileException e) {
            // typed
        }
    }

    private static Path scratchFile() {
        try {
            Path dir = Files.createTempDirectory("fuzz-config");
            dir.toFile().deleteOnExit();
            Path f = dir.resolve("config.json");
            f.toFile().deleteOnExit();
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
