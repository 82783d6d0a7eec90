package io.hostapp.updater.daemon;

/** When the daemon reboots into an installed update. */
public enum RebootPolicy {
    /** As soon as the install is done (and no application holds the inhibit lock). */
    IMMEDIATELY,
    /** Only inside a maintenance window. */
    WINDOW,
    /** Never by itself: the device reboots when its owner decides; the trial runs at that boot. */
    NEVER
}
