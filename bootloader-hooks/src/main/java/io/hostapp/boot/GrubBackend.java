package io.hostapp.boot;

import io.hostapp.boot.grub.GrubEnvFile;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@link BootBackend} for GRUB: the boot-counting flags live in a GRUB environment block ({@code grubenv},
 * GRUB-ENV.md), and the {@code grub.cfg} fragment {@code boot-scripts/grub/hostapp.cfg} counts boots with
 * {@code load_env}/{@code save_env} and falls back. The variables and what each call writes are the same as
 * for U-Boot ({@link BootCountScheme}), names configurable per board ({@link BootVariables}, e.g. Mender's
 * {@code mender_boot_part}). A grubenv has one copy: each write replaces the whole file atomically
 * (temp file, fsync, rename), so a power cut leaves the old or the new block. Errors read
 * "grub backend: grubenv FILE: ...".
 */
public final class GrubBackend implements BootBackend {
    private final GrubEnvFile env;
    private final BootCountScheme scheme;
    private final KernelCmdline cmdline;

    /**
     * @param env     the grubenv file
     * @param names   variable names and slot values
     * @param cmdline where the booted slot is reported ({@code hostapp.slot=} set by the grub.cfg fragment)
     */
    public GrubBackend(GrubEnvFile env, BootVariables names, KernelCmdline cmdline) {
        this.env = env;
        this.scheme = new BootCountScheme(names);
        this.cmdline = cmdline;
    }

    /**
     * Brings a grubenv into the committed state for {@code primary} ({@link BootCountScheme#initial}); other
     * variables (e.g. {@code saved_entry}) are kept. The file must exist (GRUB cannot create or grow it).
     */
    public static Map<String, String> initialize(GrubEnvFile env, BootVariables names, Slot primary)
            throws BootException {
        try {
            Map<String, String> base = env.read();
            return env.update(new LinkedHashMap<>(new BootCountScheme(names).initial(base, primary)));
        } catch (BootException e) {
            throw e.withPrefix("grub backend");
        }
    }

    @Override
    public String name() {
        return "grub";
    }

    @Override
    public Slot bootedSlot() throws BootException {
        try {
            return cmdline.bootedSlot();
        } catch (BootException e) {
            throw e.withPrefix("grub backend");
        }
    }

    @Override
    public Slot primarySlot() throws BootException {
        Map<String, String> vars = read();
        try {
            return scheme.primary(vars);
        } catch (BootException e) {
            throw e.withPrefix("grub backend: grubenv " + env.file());
        }
    }

    @Override
    public void tryOnce(Slot slot, int bootLimit) throws BootException {
        update(scheme.tryOnce(slot, bootLimit));
    }

    @Override
    public void markGood(Slot slot) throws BootException {
        update(scheme.markGood(read(), slot));
    }

    @Override
    public void markBad(Slot slot) throws BootException {
        Map<String, String> c = scheme.markBad(read(), slot);
        if (!c.isEmpty()) {
            update(c);
        }
    }

    @Override
    public SlotState state(Slot slot) throws BootException {
        return scheme.state(read(), slot);
    }

    @Override
    public boolean fallbackReported() throws BootException {
        return scheme.fallbackReported(read());
    }

    private Map<String, String> read() throws BootException {
        try {
            return env.read();
        } catch (BootException e) {
            throw e.withPrefix("grub backend");
        }
    }

    private void update(Map<String, String> changes) throws BootException {
        try {
            env.update(changes);
        } catch (BootException e) {
            throw e.withPrefix("grub backend");
        }
    }
}
