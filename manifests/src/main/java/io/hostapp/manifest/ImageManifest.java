package io.hostapp.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An <em>unverified</em> sidecar manifest describing a full image payload: what the image is and what it must
 * hash to. It is not signed, so it only protects against corruption (truncation, bit rot), not against
 * an attacker; signed repository metadata replaces it for fleet rollouts.
 *
 * <p>File format ({@code IMAGE.manifest.json} beside the payload, UTF-8 JSON object):
 * <pre>
 * {
 *   "format":  "hostapp-image-manifest",   required, exactly this string
 *   "length":  67108864,                   required, length in bytes of the image AFTER decompression
 *   "sha256":  "9f86d0…",                  required, 64 lower- or upper-case hex digits, of the decompressed image
 *   "release": "v2",                       optional, the release version installed
 *   "board":   "sim-uboot"                 optional, board family; a device of another board refuses it
 * }
 * </pre>
 * Unknown fields are an error, so a typo cannot silently drop a check. A plain {@code IMAGE.sha256}
 * file in {@code sha256sum} format (first word the hex digest) is also accepted; it gives the hash only.
 */
public record ImageManifest(long length, String sha256, Optional<String> release, Optional<String> board) {

    /** Value of the {@code format} field. */
    public static final String FORMAT = "hostapp-image-manifest";
    /** Suffix of the JSON sidecar, appended to the payload's file name. */
    public static final String SIDECAR_SUFFIX = ".manifest.json";
    /** Suffix of the sha256sum-style sidecar. */
    public static final String SHA256_SUFFIX = ".sha256";
    /** Length meaning "unknown" (only for the sha256sum sidecar). */
    public static final long UNKNOWN_LENGTH = -1;

    private static final Pattern HEX64 = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Set<String> FIELDS = Set.of("format", "length", "sha256", "release", "board");
    private static final ObjectMapper JSON = new ObjectMapper();

    public ImageManifest {
        if (!HEX64.matcher(sha256).matches()) {
            throw new IllegalArgumentException("sha256 is not 64 hex digits");
        }
        sha256 = sha256.toLowerCase(Locale.ROOT);
    }

    /** True when the manifest states the image length. */
    public boolean hasLength() {
        return length >= 0;
    }

    /**
     * Finds and parses the sidecar of {@code payload}: {@code payload.manifest.json}, else {@code payload.sha256}.
     *
     * @return empty when there is no sidecar at all
     * @throws ManifestException naming the sidecar file and the bad field
     */
    public static Optional<ImageManifest> findSidecar(Path payload) throws ManifestException {
        Path json = payload.resolveSibling(payload.getFileName() + SIDECAR_SUFFIX);
        Path sum = payload.resolveSibling(payload.getFileName() + SHA256_SUFFIX);
        try {
            if (Files.exists(json)) {
                return Optional.of(parse(Files.readAllBytes(json), json.toString()));
            }
            if (Files.exists(sum)) {
                return Optional.of(parseSha256Sum(Files.readString(sum, StandardCharsets.UTF_8), sum.toString()));
            }
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new ManifestException("sidecar " + payload + ": cannot read: " + e.getMessage(), e);
        }
        return Optional.empty();
    }

    /** Parses the JSON sidecar; {@code source} names it in error messages. */
    public static ImageManifest parse(byte[] bytes, String source) throws ManifestException {
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (IOException e) {
            throw new ManifestException(source + ": not valid JSON: " + firstLine(e.getMessage()), e);
        }
        if (root == null || !root.isObject()) {
            throw new ManifestException(source + ": not a JSON object");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                throw new ManifestException(source + ": field '" + f + "': unknown field");
            }
        }
        JsonNode format = root.get("format");
        if (format == null || !FORMAT.equals(format.asText(null))) {
            throw new ManifestException(source + ": field 'format': must be \"" + FORMAT + "\"");
        }
        JsonNode length = root.get("length");
        if (length == null || !length.isIntegralNumber() || !length.canConvertToLong() || length.asLong() < 0) {
            throw new ManifestException(source + ": field 'length': must be a non-negative integer");
        }
        JsonNode sha = root.get("sha256");
        if (sha == null || !sha.isTextual() || !HEX64.matcher(sha.asText()).matches()) {
            throw new ManifestException(source + ": field 'sha256': must be 64 hex digits");
        }
        return new ImageManifest(length.asLong(), sha.asText(), optionalText(root, "release", source),
                optionalText(root, "board", source));
    }

    /** Parses {@code sha256sum} output: the first word is the digest. */
    public static ImageManifest parseSha256Sum(String text, String source) throws ManifestException {
        String first = text.strip().split("\\s+", 2)[0];
        if (!HEX64.matcher(first).matches()) {
            throw new ManifestException(source + ": first word must be a 64-hex-digit SHA-256");
        }
        return new ImageManifest(UNKNOWN_LENGTH, first, Optional.empty(), Optional.empty());
    }

    /** Serializes to the JSON sidecar format (pretty-printed, stable field order). */
    public byte[] toJson() {
        ObjectNode n = JSON.createObjectNode();
        n.put("format", FORMAT);
        n.put("length", length);
        n.put("sha256", sha256);
        release.ifPresent(r -> n.put("release", r));
        board.ifPresent(b -> n.put("board", b));
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(n);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Optional<String> optionalText(JsonNode root, String field, String source) throws ManifestException {
        JsonNode v = root.get(field);
        if (v == null) {
            return Optional.empty();
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            throw new ManifestException(source + ": field '" + field + "': must be a non-empty string");
        }
        return Optional.of(v.asText());
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
