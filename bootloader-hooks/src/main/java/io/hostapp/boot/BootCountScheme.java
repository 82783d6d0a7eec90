package io.hostapp.boot;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * DESIGN.md's boot-counting variable scheme as pure functions over a flat {@code name=value} env: what each
 * {@link BootBackend} verb writes, and what the variables mean. The U-Boot and GRUB backends differ only in
 * where the env lives; both delegate here, so the two boot scripts ({@code boot.cmd}, {@code hostapp.cfg})
 * and the updater agree on one table (UBOOT-ENV.md §4):
 * <pre>
 * call            writes
 * tryOnce(s, n)   slot=s fallback_slot=other upgrade_available=1 bootcount=0 bootlimit=n rollback=0
 * markGood(s)     slot=s upgrade_available=0 bootcount=0 rollback=0, plus fallback_slot=s when a trial of the
 *                 other slot was armed, or fallback_slot=old primary when an idle non-primary s becomes primary
 * markBad(s)      trial of s armed: slot=other fallback_slot=other upgrade_available=0 bootcount=0;
 *                 s primary (or no slot): slot=other fallback_slot=other;
 *                 idle and fallback_slot==s: fallback_slot=slot; else nothing
 *
 * state(s)        TRYING  slot==s and upgrade_available=1     GOOD  slot==s, not armed
 *                 FALLBACK fallback_slot==s, slot!=s           BAD   otherwise
 * </pre>
 * {@code fallback_slot} equal to {@code slot} means "nothing known good to fall back to". Every method
 * returns the changes to apply in <em>one</em> write (a null value deletes); an empty map means "write
 * nothing".
 */
public final class BootCountScheme {
    /** The bootlimit {@link #initial} sets when the env has no valid one. */
    public static final int DEFAULT_BOOT_LIMIT = 3;

    private final BootVariables names;

    public BootCountScheme(BootVariables names) {
        this.names = names;
    }

    public BootVariables names() {
        return names;
    }

    /**
     * The committed state for {@code primary}: slot=fallback_slot=primary (the other slot holds nothing known
     * good yet), upgrade_available=0, bootcount=0, rollback=0, and bootlimit={@value #DEFAULT_BOOT_LIMIT}
     * unless {@code env} has a valid one.
     */
    public Map<String, String> initial(Map<String, String> env, Slot primary) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put(names.slot(), names.valueOf(primary));
        c.put(names.fallbackSlot(), names.valueOf(primary));
        c.put(names.upgradeAvailable(), "0");
        c.put(names.bootcount(), "0");
        c.put(names.rollback(), "0");
        if (parseLimit(env.get(names.bootlimit())) == 0) {
            c.put(names.bootlimit(), Integer.toString(DEFAULT_BOOT_LIMIT));
        }
        return c;
    }

    /** The slot {@code slot} names; the message says what is wrong when it names none. */
    public Slot primary(Map<String, String> env) throws BootException {
        String v = env.get(names.slot());
        Slot s = names.slotOf(v);
        if (s == null) {
            throw new BootException(v == null ? "variable " + names.slot() + " is not set"
                    : names.slot() + "='" + v + "' names neither slot a ('" + names.slotA() + "') nor b ('"
                    + names.slotB() + "')");
        }
        return s;
    }

    /** Arms a counted trial of {@code slot}; {@code bootLimit} is 1..9 (one decimal digit for the scripts). */
    public Map<String, String> tryOnce(Slot slot, int bootLimit) {
        checkLimit(bootLimit);
        Map<String, String> c = new LinkedHashMap<>();
        c.put(names.slot(), names.valueOf(slot));
        c.put(names.fallbackSlot(), names.valueOf(slot.other()));
        c.put(names.upgradeAvailable(), "1");
        c.put(names.bootcount(), "0");
        c.put(names.bootlimit(), Integer.toString(bootLimit));
        c.put(names.rollback(), "0");
        return c;
    }

    /**
     * Commits {@code slot}. Committing the armed trial slot keeps {@code fallback_slot} (the old release stays
     * the known-good alternative); committing the other slot while a trial is armed rejects the trial
     * ({@code fallback_slot} = {@code slot}: nothing to fall back to); making an idle non-primary slot primary
     * keeps the old primary as the fallback.
     */
    public Map<String, String> markGood(Map<String, String> env, Slot slot) {
        Slot primary = names.slotOf(env.get(names.slot()));
        boolean armed = armed(env);
        Map<String, String> c = new LinkedHashMap<>();
        c.put(names.slot(), names.valueOf(slot));
        if (armed && primary != slot) {
            c.put(names.fallbackSlot(), names.valueOf(slot));
        } else if (!armed && primary != null && primary != slot) {
            c.put(names.fallbackSlot(), names.valueOf(primary));
        }
        c.put(names.upgradeAvailable(), "0");
        c.put(names.bootcount(), "0");
        c.put(names.rollback(), "0");
        return c;
    }

    /**
     * An armed trial of {@code slot} is disarmed (back to the other slot, counting off); otherwise, if
     * {@code slot} is primary, or the env names no slot at all, the other slot becomes primary. Either way
     * {@code fallback_slot} stops naming {@code slot}. Marking the fallback of an armed trial bad changes
     * nothing: with two slots there is nothing else to fall back to.
     */
    public Map<String, String> markBad(Map<String, String> env, Slot slot) {
        boolean armed = armed(env);
        Slot primary = names.slotOf(env.get(names.slot()));
        Slot fallback = names.slotOf(env.get(names.fallbackSlot()));
        Map<String, String> c = new LinkedHashMap<>();
        if (armed && primary == slot) {
            c.put(names.slot(), names.valueOf(slot.other()));
            c.put(names.fallbackSlot(), names.valueOf(slot.other()));
            c.put(names.upgradeAvailable(), "0");
            c.put(names.bootcount(), "0");
        } else if (primary == slot || primary == null) {
            c.put(names.slot(), names.valueOf(slot.other()));
            c.put(names.fallbackSlot(), names.valueOf(slot.other()));
        } else if (!armed && fallback == slot) {
            c.put(names.fallbackSlot(), names.valueOf(primary));
        }
        return c;
    }

    /** See the class table. */
    public SlotState state(Map<String, String> env, Slot slot) {
        Slot primary = names.slotOf(env.get(names.slot()));
        if (primary == slot) {
            return armed(env) ? SlotState.TRYING : SlotState.GOOD;
        }
        if (names.slotOf(env.get(names.fallbackSlot())) == slot) {
            return SlotState.FALLBACK;
        }
        return SlotState.BAD;
    }

    /** {@code rollback=1}: the boot script fell back. */
    public boolean fallbackReported(Map<String, String> env) {
        return "1".equals(strip(env.get(names.rollback())));
    }

    /** {@code upgrade_available=1}: a trial is armed and the boot script counts. */
    public boolean armed(Map<String, String> env) {
        return "1".equals(strip(env.get(names.upgradeAvailable())));
    }

    /** 1..9, or 0 when {@code v} is not a valid boot limit. */
    public static int parseLimit(String v) {
        String s = strip(v);
        return s != null && s.length() == 1 && s.charAt(0) >= '1' && s.charAt(0) <= '9' ? s.charAt(0) - '0' : 0;
    }

    /** Rejects a boot limit outside 1..9 (U-Boot's setexpr is hex; the scripts count with an if-chain 0..9). */
    public static void checkLimit(int bootLimit) {
        if (bootLimit < 1 || bootLimit > 9) {
            throw new IllegalArgumentException("boot limit must be 1..9 (a single decimal digit), got " + bootLimit);
        }
    }

    private static String strip(String v) {
        return v == null ? null : v.strip();
    }
}
