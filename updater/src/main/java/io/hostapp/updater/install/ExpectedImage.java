package io.hostapp.updater.install;

import java.util.Optional;

/**
 * What the written image must be: its length and SHA-256 when a sidecar (or, later, signed metadata) says
 * so. A plain image with neither is accepted like balenaOS's {@code -f}: its hash is computed while writing
 * and checked again on read-back.
 */
public record ExpectedImage(Optional<Long> length, Optional<String> sha256) {
    public static final ExpectedImage UNKNOWN = new ExpectedImage(Optional.empty(), Optional.empty());
}
