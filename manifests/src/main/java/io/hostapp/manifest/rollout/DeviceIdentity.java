package io.hostapp.manifest.rollout;

import java.util.Objects;

/**
 * What the device says about itself when picking a release: its board family, the channel it follows
 * and its stable device id (created once in the data directory; the rollout cohort hashes it).
 */
public record DeviceIdentity(String board, String channel, String deviceId) {
    public DeviceIdentity {
        Objects.requireNonNull(board, "board");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(deviceId, "deviceId");
    }
}
