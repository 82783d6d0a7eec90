package io.hostapp.boot;

import io.hostapp.boot.tryboot.AutobootTxt;
import io.hostapp.boot.tryboot.BootloaderProperties;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@link BootBackend} for the Raspberry Pi bootloader's A/B tryboot (TRYBOOT.md). {@code autoboot.txt}
 * names the committed boot partition under {@code [all]} and the one to try under {@code [tryboot]}; the
 * firmware takes {@code [tryboot]} only on a reboot that carries the one-shot tryboot flag
 * ({@code reboot "0 tryboot"}, see {@link #prepareReboot()}) and clears the flag before it starts the OS, so
 * any reset during the trial returns to {@code [all]}. That is the whole fallback: a trial gets exactly one
 * boot, whatever the boot limit. The booted partition and the tryboot mode come from the firmware's
 * device-tree report ({@link BootloaderProperties}). The trial's progress is kept in the file's
 * {@code [none]} section, which the firmware never applies:
 * <pre>
 * [none] hostapp_trial   firmware report (tryboot, partition)   meaning
 * (absent)               any                                     idle: [all] GOOD, [tryboot] FALLBACK if it differs
 * armed                  any                                     trial armed, waiting for the tryboot reboot
 * launched               tryboot=1, partition=[tryboot]          the trial is running: TRYING
 * launched               anything else                           the trial boot died: fell back ({@link #fallbackReported})
 * </pre>
 * Every write replaces the whole file atomically. Errors read "tryboot backend: autoboot.txt FILE: ...".
 */
public final class TrybootBackend implements BootBackend {
    /** The reboot argument that sets the firmware's one-shot tryboot flag. */
    public static final String TRYBOOT_REBOOT_ARGUMENT = "0 tryboot";
    private static final String NONE = "none";
    private static final String TRIAL_KEY = "hostapp_trial";

    private final Path file;
    private final BootFiles files;
    private final BootloaderProperties firmware;
    private final Map<Slot, Integer> partitions;

    /**
     * @param file       autoboot.txt
     * @param files      how it is read and replaced
     * @param firmware   the device-tree report of the current boot
     * @param partitions each slot's boot partition number (e.g. a=2, b=3)
     */
    public TrybootBackend(Path file, BootFiles files, BootloaderProperties firmware, Map<Slot, Integer> partitions) {
        if (partitions.get(Slot.A) == null || partitions.get(Slot.B) == null
                || partitions.get(Slot.A).equals(partitions.get(Slot.B))) {
            throw new IllegalArgumentException("slots a and b need two different boot partitions, got " + partitions);
        }
        this.file = file;
        this.files = files;
        this.firmware = firmware;
        this.partitions = new EnumMap<>(partitions);
    }

    /** Writes the committed state for {@code primary}: [all] its partition, [tryboot] the same, no trial. */
    public static void initialize(Path file, BootFiles files, Map<Slot, Integer> partitions, Slot primary)
            throws BootException {
        int p = partitions.get(primary);
        write(file, files, AutobootTxt.of(p, p));
    }

    private enum Trial { NONE, ARMED, LAUNCHED }

    /** One reading of the file (and, for a launched trial, of the firmware report). */
    private final class View {
        final AutobootTxt txt;
        final Slot committed;
        final Slot tryboot;      // null when [tryboot] equals [all] (or is absent)
        final Trial trial;
        final boolean running;   // launched, and this boot is the tryboot boot of [tryboot]
        final boolean fellBack;  // launched, and this boot is not

        View() throws BootException {
            txt = read();
            committed = slotOf(txt.partition("all").orElseThrow(() -> error("[all] has no boot_partition")), "all");
            Optional<Integer> t = txt.partition("tryboot");
            Slot ts = t.isPresent() ? slotOf(t.get(), "tryboot") : committed;
            tryboot = ts == committed ? null : ts;
            String m = txt.get(NONE, TRIAL_KEY).orElse("");
            trial = switch (m) {
                case "" -> Trial.NONE;
                case "armed" -> Trial.ARMED;
                case "launched" -> Trial.LAUNCHED;
                default -> throw error("[none] " + TRIAL_KEY + "='" + m + "' is not armed or launched");
            };
            boolean thisIsTheTrial = false;
            if (trial == Trial.LAUNCHED && tryboot != null) {
                thisIsTheTrial = firmwareTryboot() && firmwarePartition() == partitions.get(tryboot);
            }
            running = thisIsTheTrial;
            fellBack = trial == Trial.LAUNCHED && !thisIsTheTrial;
        }

        boolean trialActive() {
            return tryboot != null && (trial == Trial.ARMED || running);
        }
    }

    @Override
    public String name() {
        return "tryboot";
    }

    @Override
    public Slot bootedSlot() throws BootException {
        int p = firmwarePartition();
        for (Map.Entry<Slot, Integer> e : partitions.entrySet()) {
            if (e.getValue() == p) {
                return e.getKey();
            }
        }
        throw new BootException("tryboot backend: " + firmware.dir().resolve("partition") + ": partition " + p
                + " is neither slot a's boot partition " + partitions.get(Slot.A) + " nor b's "
                + partitions.get(Slot.B));
    }

    @Override
    public Slot primarySlot() throws BootException {
        View v = new View();
        return v.trialActive() ? v.tryboot : v.committed;
    }

    /** Arms a one-shot trial of {@code slot}: [tryboot] its partition; the boot limit is necessarily 1. */
    @Override
    public void tryOnce(Slot slot, int bootLimit) throws BootException {
        BootCountScheme.checkLimit(bootLimit);
        View v = new View();
        if (slot == v.committed) {
            throw error("slot " + slot + " (partition " + partitions.get(slot)
                    + ") is the committed slot; a trial boots the other one");
        }
        write(v.txt.set("all", "tryboot_a_b", "1").set("tryboot", "boot_partition", part(slot))
                .set(NONE, TRIAL_KEY, "armed"));
    }

    /** Commits {@code slot}: [all] its partition, [tryboot] the previous committed one (the fallback). */
    @Override
    public void markGood(Slot slot) throws BootException {
        View v = new View();
        AutobootTxt t = v.txt.remove(NONE, TRIAL_KEY);
        if (slot != v.committed) {
            t.set("all", "boot_partition", part(slot)).set("tryboot", "boot_partition", part(v.committed));
        } else if (v.trial != Trial.NONE) {
            t.set("tryboot", "boot_partition", part(slot)); // trial rejected or failed: nothing to fall back to
        } else {
            return;
        }
        write(t);
    }

    /**
     * Makes sure {@code slot} is not booted: an armed or running trial of it is disarmed; as the committed
     * slot (and no trial of the other armed), the other slot becomes committed; as the [tryboot] fallback it
     * is replaced by the committed partition. The fallback of an armed trial is left alone.
     */
    @Override
    public void markBad(Slot slot) throws BootException {
        View v = new View();
        AutobootTxt t = v.txt;
        if (v.trialActive()) {
            if (slot != v.tryboot) {
                return;
            }
            t.remove(NONE, TRIAL_KEY).set("tryboot", "boot_partition", part(v.committed));
        } else if (slot == v.committed) {
            t.set("all", "boot_partition", part(slot.other())).set("tryboot", "boot_partition", part(slot.other()));
        } else if (slot == v.tryboot) {
            t.set("tryboot", "boot_partition", part(v.committed)); // a launched marker stays: fallback still reported
        } else {
            return;
        }
        write(t);
    }

    @Override
    public SlotState state(Slot slot) throws BootException {
        View v = new View();
        if (v.trialActive()) {
            return slot == v.tryboot ? SlotState.TRYING : SlotState.FALLBACK;
        }
        if (slot == v.committed) {
            return SlotState.GOOD;
        }
        return slot == v.tryboot && !v.fellBack ? SlotState.FALLBACK : SlotState.BAD;
    }

    @Override
    public boolean fallbackReported() throws BootException {
        return new View().fellBack;
    }

    /**
     * With a trial armed: records that it is launched and returns {@value #TRYBOOT_REBOOT_ARGUMENT}, which the
     * rebooter must pass ({@code systemctl reboot "0 tryboot"}). Otherwise a plain reboot.
     */
    @Override
    public Optional<String> prepareReboot() throws BootException {
        View v = new View();
        if (v.trial != Trial.ARMED || v.tryboot == null) {
            return Optional.empty();
        }
        write(v.txt.set(NONE, TRIAL_KEY, "launched"));
        return Optional.of(TRYBOOT_REBOOT_ARGUMENT);
    }

    private AutobootTxt read() throws BootException {
        try {
            return AutobootTxt.parse(files.read(file));
        } catch (NoSuchFileException e) {
            throw error("missing");
        } catch (IOException e) {
            throw new BootException(prefix() + ": cannot read: " + e.getMessage(), e);
        } catch (BootException e) {
            throw e.withPrefix(prefix());
        }
    }

    private void write(AutobootTxt t) throws BootException {
        try {
            write(file, files, t);
        } catch (BootException e) {
            throw e.withPrefix("tryboot backend");
        }
    }

    private static void write(Path file, BootFiles files, AutobootTxt t) throws BootException {
        try {
            files.replace(file, t.encode());
        } catch (IOException e) {
            throw new BootException("autoboot.txt " + file + ": write failed: " + e.getMessage(), e);
        } catch (BootException e) {
            throw e.withPrefix("autoboot.txt " + file);
        }
    }

    private Slot slotOf(int partition, String section) throws BootException {
        for (Map.Entry<Slot, Integer> e : partitions.entrySet()) {
            if (e.getValue() == partition) {
                return e.getKey();
            }
        }
        throw error("[" + section + "] boot_partition=" + partition + " is neither slot a's partition "
                + partitions.get(Slot.A) + " nor b's " + partitions.get(Slot.B));
    }

    private int firmwarePartition() throws BootException {
        try {
            return firmware.partition();
        } catch (BootException e) {
            throw e.withPrefix("tryboot backend");
        }
    }

    private boolean firmwareTryboot() throws BootException {
        try {
            return firmware.tryboot();
        } catch (BootException e) {
            throw e.withPrefix("tryboot backend");
        }
    }

    private String part(Slot s) {
        return Integer.toString(partitions.get(s));
    }

    private String prefix() {
        return "tryboot backend: autoboot.txt " + file;
    }

    private BootException error(String what) {
        return new BootException(prefix() + ": " + what);
    }
}
