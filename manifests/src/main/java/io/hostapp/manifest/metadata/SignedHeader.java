package io.hostapp.manifest.metadata;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hostapp.manifest.MalformedMetadataException;
import io.hostapp.manifest.MetadataException.Check;
import io.hostapp.manifest.json.JsonFields;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;

/**
 * Fields every role has: {@code _type}, {@code spec_version} ("1.x" or "1.x.y"), {@code version}
 * (integer &gt; 0) and {@code expires} (UTC, exactly {@code YYYY-MM-DDTHH:MM:SSZ}).
 */
public record SignedHeader(String type, String specVersion, long version, Instant expires) {

    /** The spec version this implementation writes. */
    public static final String SPEC_VERSION = "1.0.31";

    private static final Pattern EXPIRES = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
    private static final Pattern SPEC = Pattern.compile("\\d+\\.\\d+(\\.\\d+)?");
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    static SignedHeader parse(JsonFields f, String expectedType) throws MalformedMetadataException {
        String type = f.text("_type");
        if (!type.equals(expectedType)) {
            throw new MalformedMetadataException(f.role(), Check.TYPE, "expected _type '" + expectedType
                    + "', got '" + type + "'");
        }
        String spec = f.text("spec_version");
        if (!SPEC.matcher(spec).matches()) {
            throw f.fail("spec_version", "cannot be parsed: '" + spec + "'");
        }
        if (!spec.startsWith("1.")) {
            throw f.fail("spec_version", "major version is not 1: '" + spec + "'");
        }
        long version = f.positive("version");
        String expires = f.text("expires");
        if (!EXPIRES.matcher(expires).matches()) {
            throw f.fail("expires", "must be YYYY-MM-DDTHH:MM:SSZ, got '" + expires + "'");
        }
        try {
            return new SignedHeader(type, spec, version, Instant.from(FORMAT.parse(expires)));
        } catch (DateTimeParseException e) {
            throw f.fail("expires", "is not a valid date: '" + expires + "'");
        }
    }

    /** Formats an instant as {@code expires} does (seconds precision, UTC). */
    public static String formatExpires(Instant t) {
        return FORMAT.format(t.truncatedTo(ChronoUnit.SECONDS));
    }

    /** Writes the four header fields into {@code n}. */
    public void writeTo(ObjectNode n) {
        n.put("_type", type);
        n.put("spec_version", specVersion);
        n.put("version", version);
        n.put("expires", formatExpires(expires));
    }

    public SignedHeader withVersion(long v) {
        return new SignedHeader(type, specVersion, v, expires);
    }

    public SignedHeader withExpires(Instant t) {
        return new SignedHeader(type, specVersion, version, t.truncatedTo(ChronoUnit.SECONDS));
    }
}
