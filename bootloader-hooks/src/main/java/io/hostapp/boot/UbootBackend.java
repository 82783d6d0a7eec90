package io.hostapp.boot;

import io.hostapp.boot.uboot.UbootEnvStore;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;

/**
 * {@link BootBackend} for U-Boot: the boot-counting flags live in the U-Boot env (see UBOOT-ENV.md),
 * and a boot script ({@code boot.cmd}) does the counting and the fallback.
 *
 * <p>The scheme (names configurable through {@link UbootVariables}):
 * <pre>
 * slot               slot to boot                        updater; boot script on fallback
 * fallback_slot      slot to go back to                  updater
 * upgrade_available  1 = trial armed, counting on        updater 1/0; boot script 0 on fallback
 * bootcount          boots counted during the trial      boot script ++; updater resets
 * bootlimit          fall back when bootcount > it, 1..9 updater
 * rollback           1 = the boot script fell back       boot script; updater clears on commit
 * </pre>
 * Every method that writes does exactly one env write (to the inactive redundant copy), so a power
 * cut leaves either the old or the new flags. Errors read "uboot backend: ...".
 */
public final class UbootBackend implements BootBackend {
    /** The bootlimit {@link #initialize} sets when the env has none. */
    public static final int DEFAULT_BOOT_LIMIT = 3;

    private final UbootEnvStore store;
    private final UbootVariables names;
    private final KernelCmdline cmdline;

    /**
     * @param store   the env
     * @param names   variable names and slot values
     * @param cmdline where the booted slot is reported
     */
    public UbootBackend(UbootEnvStore store, UbootVariables names, KernelCmdline cmdline) {
        this.store = store;
        this.names = names;
        this.cmdline = cmdline;
    }

    /** With the DESIGN.md variable names. */
    public UbootBackend(UbootEnvStore store, KernelCmdline cmdline) {
        this(store, UbootVariables.DEFAULT, cmdline);
    }

    /**
     * Brings an env into the committed state for {@code primary}, in one write: starts from the current
     * env if a copy is valid (other variables such as {@code bootcmd} are kept), else from
     * {@code defaults}; sets slot, fallback_slot (= slot: the other slot holds nothing known good yet),
     * upgrade_available=0, bootcount=0,
     * rollback=0, and bootlimit={@value #DEFAULT_BOOT_LIMIT} unless a valid one is present.
     * Used to create a fresh env ({@code sim create}) or to adopt a device.
     *
     * @return the env as written
     */
    public static SortedMap<String, String> initialize(UbootEnvStore store, UbootVariables names, Slot primary,
                                                       Map<String, String> defaults) throws BootException {
        try {
            UbootEnvStore.Snapshot s = store.inspect();
            Map<String, String> base = s.active() != 0 ? s.activeCopy().vars() : defaults;
            Map<String, String> changes = new LinkedHashMap<>();
            changes.put(names.slot(), names.valueOf(primary));
            changes.put(names.fallbackSlot(), names.valueOf(primary));
            changes.put(names.upgradeAvailable(), "0");
            changes.put(names.bootcount(), "0");
            changes.put(names.rollback(), "0");
            if (parseLimit(base.get(names.bootlimit())) == 0) {
                changes.put(names.bootlimit(), Integer.toString(DEFAULT_BOOT_LIMIT));
            }
            return store.update(changes, defaults);
        } catch (BootException e) {
            throw e.withPrefix("uboot backend");
        }
    }

    /** {@link #initialize(UbootEnvStore, UbootVariables, Slot, Map)} with the default names, slot a primary. */
    public static SortedMap<String, String> initialize(UbootEnvStore store, Map<String, String> defaults)
            throws BootException {
        return initialize(store, UbootVariables.DEFAULT, Slot.A, defaults);
    }

    @Override
    public String name() {
        return "uboot";
    }

    public UbootVariables variables() {
        return names;
    }

    @Override
    public Slot bootedSlot() throws BootException {
        try {
            return cmdline.bootedSlot();
        } catch (BootException e) {
            throw e.withPrefix("uboot backend");
        }
    }

    @Override
    public Slot primarySlot() throws BootException {
        Map<String, String> env = env();
        String v = env.get(names.slot());
        Slot s = names.slotOf(v);
        if (s == null) {
            throw new BootException("uboot backend: " + (v == null ? "variable " + names.slot() + " is not set"
                    : names.slot() + "='" + v + "' names neither slot a ('" + names.slotA() + "') nor b ('"
                    + names.slotB() + "')"));
        }
        return s;
    }

    @Override
    public void tryOnce(Slot slot, int bootLimit) throws BootException {
        if (bootLimit < 1 || bootLimit > 9) {
            // U-Boot's setexpr is hex and the scripts count with an if-chain over 0..9
            throw new IllegalArgumentException("boot limit must be 1..9 (a single decimal digit), got " + bootLimit);
        }
        Map<String, String> c = new LinkedHashMap<>();
        c.put(names.slot(), names.valueOf(slot));
        c.put(names.fallbackSlot(), names.valueOf(slot.other()));
        c.put(names.upgradeAvailable(), "1");
        c.put(names.bootcount(), "0");
        c.put(names.bootlimit(), Integer.toString(bootLimit));
        c.put(names.rollback(), "0");
        update(c);
    }

    /**
     * Commits {@code slot}. Committing the armed trial slot keeps {@code fallback_slot} (the old release stays
     * the known-good alternative); committing the other slot while a trial is armed rejects the trial
     * ({@code fallback_slot} = {@code slot}: nothing to fall back to); making an idle non-primary slot primary
     * keeps the old primary as the fallback.
     */
    @Override
    public void markGood(Slot slot) throws BootException {
        Map<String, String> env = env();
        Slot primary = names.slotOf(env.get(names.slot()));
        Map<String, String> c = new LinkedHashMap<>();
        c.put(names.slot(), names.valueOf(slot));
        if (armed(env) && primary != slot) {
            c.put(names.fallbackSlot(), names.valueOf(slot));
        } else if (!armed(env) && primary != null && primary != slot) {
            c.put(names.fallbackSlot(), names.valueOf(primary));
        }
        c.put(names.upgradeAvailable(), "0");
        c.put(names.bootcount(), "0");
        c.put(names.rollback(), "0");
        update(c);
    }

    /**
     * An armed trial of {@code slot} is disarmed (back to the other slot, counting off); otherwise, if
     * {@code slot} is primary, or the env names no slot at all, the other slot becomes primary. Either way
     * {@code fallback_slot} stops naming {@code slot}: it then names the primary itself, which means
     * "nothing to fall back to" (the bootloader only reads it while a trial is armed).
     * Marking the fallback of an armed trial bad changes nothing: with two slots there is nothing else
     * to fall back to, and the updater commits or rolls back a trial before writing a slot again.
     * Does not write when nothing changes.
     */
    @Override
    public void markBad(Slot slot) throws BootException {
        Map<String, String> env = env();
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
        if (!c.isEmpty()) {
            update(c);
        }
    }

    /**
     * TRYING: primary with a trial armed. GOOD: primary, committed. FALLBACK: named by {@code fallback_slot}
     * and not primary: the known-good alternative (the old release during a trial or after a commit).
     * BAD: anything else: being written, rejected, or never installed.
     */
    @Override
    public SlotState state(Slot slot) throws BootException {
        Map<String, String> env = env();
        Slot primary = names.slotOf(env.get(names.slot()));
        if (primary == slot) {
            return armed(env) ? SlotState.TRYING : SlotState.GOOD;
        }
        if (names.slotOf(env.get(names.fallbackSlot())) == slot) {
            return SlotState.FALLBACK;
        }
        return SlotState.BAD;
    }

    @Override
    public boolean fallbackReported() throws BootException {
        return "1".equals(strip(env().get(names.rollback())));
    }

    private boolean armed(Map<String, String> env) {
        return "1".equals(strip(env.get(names.upgradeAvailable())));
    }

    private Map<String, String> env() throws BootException {
        try {
            return store.read();
        } catch (BootException e) {
            throw e.withPrefix("uboot backend");
        }
    }

    private void update(Map<String, String> changes) throws BootException {
        try {
            store.update(changes);
        } catch (BootException e) {
            throw e.withPrefix("uboot backend");
        }
    }

    /** 1..9, or 0 when {@code v} is not a valid boot limit. */
    private static int parseLimit(String v) {
        String s = strip(v);
        return s != null && s.length() == 1 && s.charAt(0) >= '1' && s.charAt(0) <= '9' ? s.charAt(0) - '0' : 0;
    }

    private static String strip(String v) {
        return v == null ? null : v.strip();
    }
}
