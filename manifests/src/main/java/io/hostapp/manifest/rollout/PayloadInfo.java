package io.hostapp.manifest.rollout;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hostapp.manifest.MalformedMetadataException;
import io.hostapp.manifest.json.CanonicalJson;
import io.hostapp.manifest.json.JsonFields;
import io.hostapp.manifest.metadata.TargetFile;

import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The hostapp fields of a payload target, carried (and so signed) in the target's {@code custom}
 * object under the key {@code "hostapp"}. Format (documented in manifests/README.md):
 * <pre>
 * "custom": { "hostapp": {
 *     "board":   "rpi4",                  board family; a device of another board never installs it
 *     "version": "2.1.0",                 release version this payload produces
 *     "kind":    "full" | "delta",
 *     "from":    "2.0.0",                 delta only: the release the delta applies to
 *     "image":   { "length": 67108864,    the RESULTING image (after decompression / delta apply)
 *                  "sha256": "9f86…" },   64 lowercase hex digits
 *     "channels": { "stable": 10,         rollout percentage 0..100 per channel; a channel not
 *                   "beta": 100 },        listed is not offered this release (deltas may omit it)
 *     "allow_downgrade": true             optional, default false: may replace a HIGHER version
 * } }
 * </pre>
 * Unknown fields inside {@code "hostapp"} are rejected so a typo cannot silently drop a check.
 */
public record PayloadInfo(String board, String version, PayloadKind kind, Optional<String> from, long imageLength,
                          String imageSha256, Map<String, Integer> channels, boolean allowDowngrade) {

    /** Key of the hostapp object inside a target's {@code custom}. */
    public static final String CUSTOM_KEY = "hostapp";

    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
    private static final java.util.Set<String> FIELDS = java.util.Set.of("board", "version", "kind", "from", "image",
            "channels", "allow_downgrade");

    public PayloadInfo {
        if (board.isBlank() || version.isBlank()) {
            throw new IllegalArgumentException("board and version must not be empty");
        }
        if ((kind == PayloadKind.DELTA) != from.isPresent()) {
            throw new IllegalArgumentException("a delta needs 'from', a full payload must not have it");
        }
        imageSha256 = imageSha256.toLowerCase(Locale.ROOT);
        if (!HEX64.matcher(imageSha256).matches()) {
            throw new IllegalArgumentException("image sha256 must be 64 hex digits");
        }
        if (imageLength < 0) {
            throw new IllegalArgumentException("image length must be >= 0");
        }
        for (Map.Entry<String, Integer> e : channels.entrySet()) {
            if (e.getValue() < 0 || e.getValue() > 100) {
                throw new IllegalArgumentException("channel " + e.getKey() + ": percent must be 0..100");
            }
        }
        channels = Collections.unmodifiableMap(new LinkedHashMap<>(channels));
    }

    /**
     * Reads the hostapp fields of {@code target}.
     *
     * @return empty when the target has no {@code custom.hostapp} object (not a payload)
     * @throws MalformedMetadataException naming the target path and the bad field
     */
    public static Optional<PayloadInfo> fromTarget(TargetFile target) throws MalformedMetadataException {
        if (target.custom().isEmpty() || !target.custom().get().has(CUSTOM_KEY)) {
            return Optional.empty();
        }
        JsonFields f = JsonFields.of(target.path(), "custom." + CUSTOM_KEY, target.custom().get().get(CUSTOM_KEY));
        for (Iterator<String> it = f.node().fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!FIELDS.contains(name)) {
                throw f.fail(name, "is not a known field");
            }
        }
        try {
            JsonFields image = f.object("image");
            Map<String, Integer> channels = new LinkedHashMap<>();
            if (f.has("channels")) {
                JsonFields ch = f.object("channels");
                for (Iterator<String> it = ch.node().fieldNames(); it.hasNext(); ) {
                    String name = it.next();
                    long pct = ch.integer(name);
                    if (pct < 0 || pct > 100) {
                        throw ch.fail(name, "must be a percentage 0..100");
                    }
                    channels.put(name, (int) pct);
                }
            }
            return Optional.of(new PayloadInfo(f.text("board"), f.text("version"), PayloadKind.fromJson(f.text("kind")),
                    f.optionalText("from"), image.integer("length"), image.text("sha256"), channels,
                    f.has("allow_downgrade") && f.bool("allow_downgrade")));
        } catch (IllegalArgumentException e) {
            throw new MalformedMetadataException(target.path(), io.hostapp.manifest.MetadataException.Check.MALFORMED,
                    "custom." + CUSTOM_KEY + ": " + e.getMessage());
        }
    }

    /** The {@code custom} object to sign into the target (the hostapp object under its key). */
    public ObjectNode toCustom() {
        ObjectNode custom = CanonicalJson.mapper().createObjectNode();
        ObjectNode h = custom.putObject(CUSTOM_KEY);
        h.put("board", board);
        h.put("version", version);
        h.put("kind", kind.json());
        from.ifPresent(v -> h.put("from", v));
        h.putObject("image").put("length", imageLength).put("sha256", imageSha256);
        ObjectNode ch = h.putObject("channels");
        channels.forEach(ch::put);
        if (allowDowngrade) {
            h.put("allow_downgrade", true);
        }
        return custom;
    }

    /** The rollout percentage for {@code channel}; empty when the channel is not offered this payload. */
    public Optional<Integer> percentFor(String channel) {
        return Optional.ofNullable(channels.get(channel));
    }

    /** A copy with {@code channel} set to {@code percent}. */
    public PayloadInfo withRollout(String channel, int percent) {
        Map<String, Integer> ch = new LinkedHashMap<>(channels);
        ch.put(channel, percent);
        return new PayloadInfo(board, version, kind, from, imageLength, imageSha256, ch, allowDowngrade);
    }

    /** A copy with {@code allow_downgrade} set. */
    public PayloadInfo withAllowDowngrade(boolean allow) {
        return new PayloadInfo(board, version, kind, from, imageLength, imageSha256, channels, allow);
    }

    /** Conventional target path: {@code BOARD/VERSION/full.img.zst} or {@code BOARD/VERSION/delta-from-FROM.bin}. */
    public String conventionalPath() {
        return board + "/" + version + "/" + (kind == PayloadKind.FULL ? "full.img.zst" : "delta-from-" + from.orElseThrow() + ".bin");
    }

}
