package io.hostapp.tests.fuzz;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.hostapp.manifest.ImageManifest;
import io.hostapp.manifest.ManifestException;

import java.nio.charset.StandardCharsets;

/**
 * The unsigned image sidecars as hostile bytes: {@link ImageManifest#parse} ({@code IMAGE.manifest.json})
 * and {@link ImageManifest#parseSha256Sum} ({@code IMAGE.sha256}).
 *
 * <p>Only {@link ManifestException} may escape. Checked: a parsed manifest survives toJson/parse unchanged.
 */
class ImageManifestFuzzTest extends FuzzTarget {

    @DictionaryEntries({"\"format\"", "\"hostapp-image-manifest\"", "\"length\"", "\"sha256\"", "\"release\"",
            "\"board\""})
    @DictionaryFile(resourcePath = "json.dict")
    @FuzzTest(maxDuration = "20s")
    void imageManifest(byte[] bytes) {
        execution();
        try {
            ImageManifest m = ImageManifest.parse(bytes, "fuzz.img.manifest.json");
            Check.that(ImageManifest.parse(m.toJson(), "again").equals(m), "manifest does not round trip: " + m);
        } catch (ManifestException e) {
            // typed
        }
        try {
            ImageManifest.parseSha256Sum(new String(bytes, StandardCharsets.UTF_8), "fuzz.img.sha256");
        } catch (ManifestException e) {
            // typed
        }
    }
}
