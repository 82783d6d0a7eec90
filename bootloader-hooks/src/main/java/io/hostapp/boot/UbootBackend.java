package io.hostapp.boot;

import io.hostapp.boot.uboot.UbootEnvStore;

import java.util.Map;
import java.util.SortedMap;

/**
 * {@link BootBackend} for U-Boot: the boot-counting flags live in the U-Boot env (UBOOT-ENV.md: a file, a
 * raw block device or an eMMC offset, single or redundant copies), and the boot script
 * ({@code boot-scripts/uboot/boot.cmd}) does the counting and the fallback. What each call writes is
 * {@link BootCountScheme}'s table, with the board's variable names ({@link BootVariables}, e.g. Mender's
 * {@code mender_boot_part}). Every method that writes does exactly one env write (to the inactive redundant
 * copy), so a power cut leaves either the old or the new flags. Errors read "uboot backend: ...".
 */
public final class UbootBackend implements BootBackend {
    /** The bootlimit {@link #initialize} sets when the env has none. */
    public static final int DEFAULT_BOOT_LIMIT = BootCountScheme.DEFAULT_BOOT_LIMIT;

    private final UbootEnvStore store;
    private final BootCountScheme scheme;
    private final KernelCmdline cmdline;

    /**
     * @param store   the env
     * @param names   variable names and slot values
     * @param cmdline where the booted slot is reported
     */
    public UbootBackend(UbootEnvStore store, BootVariables names, KernelCmdline cmdline) {
        this.store = store;
        this.scheme = new BootCountScheme(names);
        this.cmdline = cmdline;
    }

    /** With the DESIGN.md variable names. */
    public UbootBackend(UbootEnvStore store, KernelCmdline cmdline) {
        this(store, BootVariables.DEFAULT, cmdline);
    }

    /**
     * Brings an env into the committed state for {@code primary} ({@link BootCountScheme#initial}), in one
     * write: starts from the current env if a copy is valid (other variables such as {@code bootcmd} are
     * kept), else from {@code defaults}. Used to create a fresh env ({@code sim create}) or to adopt a device.
     *
     * @return the env as written
     */
    public static SortedMap<String, String> initialize(UbootEnvStore store, BootVariables names, Slot primary,
                                                       Map<String, String> defaults) throws BootException {
        try {
            UbootEnvStore.Snapshot s = store.inspect();
            Map<String, String> base = s.active() != 0 ? s.activeCopy().vars() : defaults;
            return store.update(new BootCountScheme(names).initial(base, primary), defaults);
        } catch (BootException e) {
            throw e.withPrefix("uboot backend");
        }
    }

    /** {@link #initialize(UbootEnvStore, BootVariables, Slot, Map)} with the default names, slot a primary. */
    public static SortedMap<String, String> initialize(UbootEnvStore store, Map<String, String> defaults)
            throws BootException {
        return initialize(store, BootVariables.DEFAULT, Slot.A, defaults);
    }

    @Override
    public String name() {
        return "uboot";
    }

    public BootVariables variables() {
        return scheme.names();
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
        try {
            return scheme.primary(env);
        } catch (BootException e) {
            throw e.withPrefix("uboot backend");
        }
    }

    @Override
    public void tryOnce(Slot slot, int bootLimit) throws BootException {
        update(scheme.tryOnce(slot, bootLimit));
    }

    @Override
    public void markGood(Slot slot) throws BootException {
        update(scheme.markGood(env(), slot));
    }

    @Override
    public void markBad(Slot slot) throws BootException {
        Map<String, String> c = scheme.markBad(env(), slot);
        if (!c.isEmpty()) {
            update(c);
        }
    }

    @Override
    public SlotState state(Slot slot) throws BootException {
        return scheme.state(env(), slot);
    }

    @Override
    public boolean fallbackReported() throws BootException {
        return scheme.fallbackReported(env());
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
}
