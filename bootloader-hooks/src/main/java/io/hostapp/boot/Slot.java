package io.hostapp.boot;

import java.util.Locale;

/** One of the two root filesystem slots of an A/B device. Written as {@code a} / {@code b} everywhere. */
public enum Slot {
    A, B;

    /** The other slot of the pair. */
    public Slot other() {
        return this == A ? B : A;
    }

    /** The slot's name as stored in env files, board files and the journal: {@code a} or {@code b}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses {@code a}/{@code b} (any case).
     *
     * @throws IllegalArgumentException naming the bad value
     */
    public static Slot parse(String s) {
        if (s != null) {
            switch (s.trim().toLowerCase(Locale.ROOT)) {
                case "a": return A;
                case "b": return B;
                default: break;
            }
        }
        throw new IllegalArgumentException("not a slot name (want a or b): '" + s + "'");
    }

    @Override
    public String toString() {
        return id();
    }
}
