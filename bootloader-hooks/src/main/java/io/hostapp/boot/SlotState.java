package io.hostapp.boot;

/** What the bootloader flags say about one slot. */
public enum SlotState {
    /** The bootloader boots this slot and no trial is armed: the committed release. */
    GOOD,
    /** A trial boot of this slot is armed (counting, will fall back past the boot limit). */
    TRYING,
    /** The slot a running trial falls back to. Still good. */
    FALLBACK,
    /** The bootloader will not boot this slot: it is being written, or was marked bad. */
    BAD
}
