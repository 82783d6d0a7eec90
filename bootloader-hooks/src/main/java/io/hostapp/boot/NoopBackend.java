package io.hostapp.boot;

import java.util.function.Consumer;

/**
 * {@link BootBackend} that changes nothing and logs what it was asked to do: for boards where something else
 * decides what boots (a person at a console, a management controller), and for trying the updater on a
 * machine whose bootloader must not be touched. It reports the booted slot from the kernel command line,
 * that slot as primary and GOOD, the other as BAD, and never a fallback; so an install completes (the slot
 * is written and verified) but no trial is armed, and the next boot-check records that the new slot was
 * never booted.
 */
public final class NoopBackend implements BootBackend {
    private final KernelCmdline cmdline;
    private final Consumer<String> log;

    /**
     * @param cmdline where the booted slot is reported
     * @param log     receives one line per call that would have changed the flags
     */
    public NoopBackend(KernelCmdline cmdline, Consumer<String> log) {
        this.cmdline = cmdline;
        this.log = log;
    }

    @Override
    public String name() {
        return "noop";
    }

    @Override
    public Slot bootedSlot() throws BootException {
        try {
            return cmdline.bootedSlot();
        } catch (BootException e) {
            throw e.withPrefix("noop backend");
        }
    }

    @Override
    public Slot primarySlot() throws BootException {
        return bootedSlot();
    }

    @Override
    public void tryOnce(Slot slot, int bootLimit) {
        BootCountScheme.checkLimit(bootLimit);
        log.accept("noop backend: would arm a trial of slot " + slot + " (boot limit " + bootLimit + "); nothing changed");
    }

    @Override
    public void markGood(Slot slot) {
        log.accept("noop backend: would mark slot " + slot + " good; nothing changed");
    }

    @Override
    public void markBad(Slot slot) {
        log.accept("noop backend: would mark slot " + slot + " bad; nothing changed");
    }

    @Override
    public SlotState state(Slot slot) throws BootException {
        return slot == bootedSlot() ? SlotState.GOOD : SlotState.BAD;
    }

    @Override
    public boolean fallbackReported() {
        return false;
    }
}
