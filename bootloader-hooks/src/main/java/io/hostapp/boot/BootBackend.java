package io.hostapp.boot;

import java.util.Optional;

/**
 * The one small interface every bootloader family implements (RAUC-like).
 *
 * <p>Semantics, shared by all backends:
 * <ul>
 *   <li>{@link #bootedSlot()} is what the bootloader actually booted, as it reports it (kernel command
 *       line, firmware property), never guessed from the flags.</li>
 *   <li>{@link #primarySlot()} is the slot the bootloader will boot next (for a trial: the trial slot).</li>
 *   <li>{@link #tryOnce(Slot, int)} arms a trial boot of {@code slot}: the next boots try it, counting, and
 *       fall back to the other slot when more than {@code bootLimit} boots happened without a commit.
 *       It is one atomic flag write, the last step of an install.</li>
 *   <li>{@link #markGood(Slot)} commits: {@code slot} becomes primary, counting stops, any fallback report
 *       is cleared.</li>
 *   <li>{@link #markBad(Slot)} makes sure the bootloader will not boot {@code slot}: an armed trial of it is
 *       disarmed and, if it was primary, the other slot becomes primary.</li>
 * </ul>
 * Every write is durable when the method returns, and a torn write leaves the previous flags valid.
 *
 * <p>Backends: {@link UbootBackend}, {@link GrubBackend}, {@link TrybootBackend}, {@link EfiBackend},
 * {@link CustomBackend}, {@link NoopBackend}. Some firmware gives a trial exactly one boot whatever the
 * {@code bootLimit} (Raspberry Pi tryboot, EFI {@code BootNext}); those backends say so in their javadoc.
 */
public interface BootBackend {

    /** Short backend name for messages and status, e.g. {@code uboot}. */
    String name();

    /** The slot running now, as the bootloader reported it. */
    Slot bootedSlot() throws BootException;

    /** The slot the bootloader boots next. */
    Slot primarySlot() throws BootException;

    /** Arms a one-shot trial of {@code slot}, falling back after {@code bootLimit} failed boots (1..9). */
    void tryOnce(Slot slot, int bootLimit) throws BootException;

    /** Commits {@code slot}: primary, no counting, fallback report cleared. */
    void markGood(Slot slot) throws BootException;

    /** Makes {@code slot} unbootable until a later {@link #tryOnce} or {@link #markGood}. */
    void markBad(Slot slot) throws BootException;

    /** What the flags say about {@code slot}. */
    SlotState state(Slot slot) throws BootException;

    /** True when the bootloader reported that it fell back from a failed trial (e.g. {@code rollback=1}). */
    boolean fallbackReported() throws BootException;

    /**
     * Called by the rebooter right before it reboots the device. Returns the argument the reboot must carry
     * so that the next boot runs an armed trial (Raspberry Pi: {@code "0 tryboot"}, passed as
     * {@code systemctl reboot "0 tryboot"}), or empty when a plain reboot does. A backend whose trial is a
     * one-shot reboot flag records here that the trial boot is starting, so that coming back up on the old
     * slot afterwards reads as a fallback. The default: a plain reboot, nothing recorded.
     */
    default Optional<String> prepareReboot() throws BootException {
        return Optional.empty();
    }
}
