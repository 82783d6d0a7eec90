package io.hostapp.boot;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The variable names of DESIGN.md's boot-counting scheme, and how slots are spelled in them. Shared by the
 * env-based backends (U-Boot env, GRUB env block, the custom example program's state file).
 *
 * <p>Defaults are the DESIGN.md names ({@code slot}, {@code fallback_slot}, {@code upgrade_available},
 * {@code bootcount}, {@code bootlimit}, {@code rollback}) and slot values {@code a}/{@code b}. Fleets
 * migrating from other updaters keep their boot scripts by renaming, e.g. Mender:
 * {@code slot=mender_boot_part} with values {@code 2}/{@code 3}; balenaOS: {@code resin_root_part}.
 *
 * @param slot             slot to boot
 * @param fallbackSlot     slot to go back to when a trial fails
 * @param upgradeAvailable {@code 1} while a trial is armed (counting on), else {@code 0}
 * @param bootcount        boots counted by the bootloader during a trial
 * @param bootlimit        fall back when bootcount exceeds it (1..9)
 * @param rollback         the bootloader sets {@code 1} when it fell back
 * @param slotA            how slot a is written in {@code slot}/{@code fallbackSlot}
 * @param slotB            how slot b is written
 */
public record BootVariables(String slot, String fallbackSlot, String upgradeAvailable, String bootcount,
                             String bootlimit, String rollback, String slotA, String slotB) {

    /** The DESIGN.md scheme. */
    public static final BootVariables DEFAULT = new BootVariables("slot", "fallback_slot", "upgrade_available",
            "bootcount", "bootlimit", "rollback", "a", "b");

    /** Keys understood by {@link #fromMap}: the default names, plus the two slot values. */
    public static final String KEY_SLOT_A = "slot_a_value";
    public static final String KEY_SLOT_B = "slot_b_value";

    public BootVariables {
        Set<String> names = new HashSet<>();
        for (String n : new String[] {slot, fallbackSlot, upgradeAvailable, bootcount, bootlimit, rollback}) {
            if (n == null || n.isEmpty() || n.indexOf('=') >= 0 || n.indexOf('\0') >= 0 || !n.strip().equals(n)) {
                throw new IllegalArgumentException("bad variable name '" + n + "'");
            }
            if (!names.add(n)) {
                throw new IllegalArgumentException("variable name '" + n + "' is used for two roles");
            }
        }
        if (slotA == null || slotB == null || slotA.isBlank() || slotB.isBlank()
                || slotA.strip().equalsIgnoreCase(slotB.strip())) {
            throw new IllegalArgumentException("slot values must be non-empty and differ, got '" + slotA + "'/'"
                    + slotB + "'");
        }
    }

    /**
     * The default scheme with some entries replaced, e.g. from a board file:
     * {@code {"slot": "mender_boot_part", "slot_a_value": "2", "slot_b_value": "3"}}.
     *
     * @throws IllegalArgumentException for an unknown key or a bad name
     */
    public static BootVariables fromMap(Map<String, String> overrides) {
        Map<String, String> m = new LinkedHashMap<>(DEFAULT.asMap());
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            if (!m.containsKey(e.getKey())) {
                throw new IllegalArgumentException("unknown variable role '" + e.getKey() + "' (known: "
                        + String.join(", ", m.keySet()) + ")");
            }
            m.put(e.getKey(), e.getValue());
        }
        return new BootVariables(m.get("slot"), m.get("fallback_slot"), m.get("upgrade_available"), m.get("bootcount"),
                m.get("bootlimit"), m.get("rollback"), m.get(KEY_SLOT_A), m.get(KEY_SLOT_B));
    }

    /** Role (default name or slot-value key) to configured value; the inverse of {@link #fromMap}. */
    public Map<String, String> asMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("slot", slot);
        m.put("fallback_slot", fallbackSlot);
        m.put("upgrade_available", upgradeAvailable);
        m.put("bootcount", bootcount);
        m.put("bootlimit", bootlimit);
        m.put("rollback", rollback);
        m.put(KEY_SLOT_A, slotA);
        m.put(KEY_SLOT_B, slotB);
        return m;
    }

    /** How {@code s} is written in the env. */
    public String valueOf(Slot s) {
        return s == Slot.A ? slotA : slotB;
    }

    /** The slot an env value names (trimmed, case-insensitive), or null if it names neither. */
    public Slot slotOf(String value) {
        if (value == null) {
            return null;
        }
        String v = value.strip();
        return v.equalsIgnoreCase(slotA.strip()) ? Slot.A : v.equalsIgnoreCase(slotB.strip()) ? Slot.B : null;
    }
}
