package io.hostapp.boot;

import io.hostapp.boot.efi.EfiVarFs;
import io.hostapp.boot.efi.EfiVariable;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link BootBackend} for UEFI firmware (EFI.md): each slot has its own boot entry ({@code Boot####}, numbers
 * from the board file). {@code BootOrder} holds the committed slot first and the fallback after it;
 * a trial is {@code BootNext}, which the firmware boots once and deletes before starting it, so any reset
 * during the trial returns to {@code BootOrder}: a trial gets exactly one boot, whatever the boot limit.
 * The booted slot is the firmware's {@code BootCurrent}. Because BootNext is gone once the trial boot has
 * started, the updater keeps a marker of its own, {@code HostappTrial-873c805f-...} (u16 boot number of the
 * trial entry), to tell a running trial from a trial that died:
 * <pre>
 * BootNext  HostappTrial  BootCurrent  BootOrder first   meaning
 * X         X             any          other             trial of X armed: TRYING
 * -         X             X            other             the trial boot is running: TRYING
 * -         X             not X        other             the trial died, the firmware fell back ({@link #fallbackReported})
 * -         -             any          Y                 idle: Y GOOD, other entries listed in BootOrder FALLBACK
 * </pre>
 * Multi-variable changes are ordered so that a power cut between two writes never boots an unverified slot:
 * tryOnce writes the marker, then BootNext (the flip, last); markGood writes BootOrder, then deletes BootNext
 * and the marker; markBad deletes BootNext first. Entries other than the slots' stay in BootOrder, after them.
 * Errors read "efi backend: efivar FILE: ...".
 */
public final class EfiBackend implements BootBackend {
    static final String BOOT_ORDER = "BootOrder";
    static final String BOOT_NEXT = "BootNext";
    static final String BOOT_CURRENT = "BootCurrent";
    /** The updater's trial marker, under {@link EfiVariable#HOSTAPP}. */
    public static final String TRIAL_MARKER = "HostappTrial";

    private final EfiVarFs vars;
    private final Map<Slot, Integer> entries;

    /**
     * @param vars    the efivarfs directory
     * @param entries each slot's boot entry number (e.g. a=0x0001, b=0x0002)
     */
    public EfiBackend(EfiVarFs vars, Map<Slot, Integer> entries) {
        if (entries.get(Slot.A) == null || entries.get(Slot.B) == null || entries.get(Slot.A).equals(entries.get(Slot.B))) {
            throw new IllegalArgumentException("slots a and b need two different boot entries, got " + entries);
        }
        this.vars = vars;
        this.entries = new EnumMap<>(entries);
    }

    /** One reading of BootOrder, BootNext and the marker (BootCurrent only when the marker needs it). */
    private final class View {
        final List<Integer> order;
        final Integer next;
        final Slot orderPrimary;
        final Slot trial;       // armed or running
        final Slot failed;      // the trial that died (fallback reported)

        View() throws BootException {
            EfiVariable o;
            try {
                o = vars.require(BOOT_ORDER, EfiVariable.GLOBAL, "the firmware keeps the boot order here");
            } catch (BootException e) {
                throw e.withPrefix("efi backend");
            }
            order = numbers(o, BOOT_ORDER, EfiVariable.GLOBAL);
            next = single(BOOT_NEXT, EfiVariable.GLOBAL);
            Integer marker = single(TRIAL_MARKER, EfiVariable.HOSTAPP);
            Slot p = null;
            for (int n : order) {
                if (slotOf(n) != null) {
                    p = slotOf(n);
                    break;
                }
            }
            orderPrimary = p;
            Slot t = null;
            Slot f = null;
            if (next != null && slotOf(next) != null) {
                t = slotOf(next);
            } else if (marker != null && slotOf(marker) != null && slotOf(marker) != orderPrimary) {
                if (current() == marker.intValue()) {
                    t = slotOf(marker);
                } else {
                    f = slotOf(marker);
                }
            }
            trial = t;
            failed = f;
        }
    }

    @Override
    public String name() {
        return "efi";
    }

    @Override
    public Slot bootedSlot() throws BootException {
        int c = current();
        Slot s = slotOf(c);
        if (s == null) {
            throw new BootException("efi backend: " + BOOT_CURRENT + "=" + EfiVariable.hex4(c) + " is neither slot a's entry Boot"
                    + EfiVariable.hex4(entries.get(Slot.A)) + " nor b's Boot" + EfiVariable.hex4(entries.get(Slot.B)));
        }
        return s;
    }

    @Override
    public Slot primarySlot() throws BootException {
        View v = new View();
        if (v.trial != null) {
            return v.trial;
        }
        if (v.orderPrimary == null) {
            throw new BootException("efi backend: efivar " + vars.file(BOOT_ORDER, EfiVariable.GLOBAL) + ": lists neither"
                    + " slot's entry (Boot" + EfiVariable.hex4(entries.get(Slot.A)) + ", Boot"
                    + EfiVariable.hex4(entries.get(Slot.B)) + ")");
        }
        return v.orderPrimary;
    }

    /** Arms a one-shot trial: the marker, then {@code BootNext} = the slot's entry. The limit is necessarily 1. */
    @Override
    public void tryOnce(Slot slot, int bootLimit) throws BootException {
        BootCountScheme.checkLimit(bootLimit);
        requireEntry(slot);
        new View(); // BootOrder must be readable before anything is written
        EfiVariable n = EfiVariable.ofBootNumbers(List.of(entries.get(slot)));
        write(TRIAL_MARKER, EfiVariable.HOSTAPP, n);
        write(BOOT_NEXT, EfiVariable.GLOBAL, n);
    }

    /** Commits {@code slot}: first in BootOrder (a rejected or failed trial slot leaves BootOrder), trial cleared. */
    @Override
    public void markGood(Slot slot) throws BootException {
        requireEntry(slot);
        View v = new View();
        List<Integer> order = without(v.order, entries.get(slot));
        Slot rejected = v.trial != null && v.trial != slot ? v.trial : v.failed != null && v.failed != slot ? v.failed : null;
        if (rejected != null) {
            order = without(order, entries.get(rejected));
        }
        order.add(0, entries.get(slot));
        writeOrder(v, order);
        deleteTrial(v);
    }

    /**
     * Makes sure {@code slot} is not booted: an armed or running trial of it is disarmed (BootNext first), and
     * it leaves BootOrder, the other slot's entry going first. The fallback of an armed trial is left alone.
     */
    @Override
    public void markBad(Slot slot) throws BootException {
        View v = new View();
        if (v.trial != null && v.trial != slot) {
            return;
        }
        if (v.next != null && slotOf(v.next) == slot) {
            delete(BOOT_NEXT, EfiVariable.GLOBAL);
        }
        List<Integer> order = without(v.order, entries.get(slot));
        if (v.orderPrimary == slot || v.orderPrimary == null) {
            order = without(order, entries.get(slot.other()));
            order.add(0, entries.get(slot.other()));
        }
        writeOrder(v, order);
        if (v.trial == slot) {
            delete(TRIAL_MARKER, EfiVariable.HOSTAPP); // a failed trial's marker stays: the fallback is still reported
        }
    }

    @Override
    public SlotState state(Slot slot) throws BootException {
        View v = new View();
        if (v.trial == slot) {
            return SlotState.TRYING;
        }
        if (v.trial == null && v.orderPrimary == slot) {
            return SlotState.GOOD;
        }
        return v.order.contains(entries.get(slot)) ? SlotState.FALLBACK : SlotState.BAD;
    }

    @Override
    public boolean fallbackReported() throws BootException {
        return new View().failed != null;
    }

    private void writeOrder(View v, List<Integer> order) throws BootException {
        if (!order.equals(v.order)) {
            write(BOOT_ORDER, EfiVariable.GLOBAL, EfiVariable.ofBootNumbers(order));
        }
    }

    private void deleteTrial(View v) throws BootException {
        if (v.next != null) {
            delete(BOOT_NEXT, EfiVariable.GLOBAL);
        }
        delete(TRIAL_MARKER, EfiVariable.HOSTAPP);
    }

    private void requireEntry(Slot s) throws BootException {
        String name = "Boot" + EfiVariable.hex4(entries.get(s));
        try {
            vars.require(name, EfiVariable.GLOBAL, "slot " + s + "'s boot entry; create it with efibootmgr");
        } catch (BootException e) {
            throw e.withPrefix("efi backend");
        }
    }

    private int current() throws BootException {
        Integer c = single(BOOT_CURRENT, EfiVariable.GLOBAL);
        if (c == null) {
            throw new BootException("efi backend: efivar " + vars.file(BOOT_CURRENT, EfiVariable.GLOBAL)
                    + ": missing (the firmware did not report the boot entry it started)");
        }
        return c;
    }

    private Integer single(String name, java.util.UUID vendor) throws BootException {
        Optional<EfiVariable> v;
        try {
            v = vars.read(name, vendor);
        } catch (BootException e) {
            throw e.withPrefix("efi backend");
        }
        if (v.isEmpty()) {
            return null;
        }
        List<Integer> n = numbers(v.get(), name, vendor);
        if (n.size() != 1) {
            throw new BootException("efi backend: efivar " + vars.file(name, vendor) + ": holds " + n.size()
                    + " boot numbers, expected one");
        }
        return n.get(0);
    }

    private List<Integer> numbers(EfiVariable v, String name, java.util.UUID vendor) throws BootException {
        try {
            return v.bootNumbers();
        } catch (BootException e) {
            throw e.withPrefix("efi backend: efivar " + vars.file(name, vendor));
        }
    }

    private void write(String name, java.util.UUID vendor, EfiVariable v) throws BootException {
        try {
            vars.write(name, vendor, v);
        } catch (BootException e) {
            throw e.withPrefix("efi backend");
        }
    }

    private void delete(String name, java.util.UUID vendor) throws BootException {
        try {
            vars.delete(name, vendor);
        } catch (BootException e) {
            throw e.withPrefix("efi backend");
        }
    }

    private Slot slotOf(int entry) {
        for (Map.Entry<Slot, Integer> e : entries.entrySet()) {
            if (e.getValue() == entry) {
                return e.getKey();
            }
        }
        return null;
    }

    private static List<Integer> without(List<Integer> l, int x) {
        List<Integer> out = new ArrayList<>(l);
        out.removeIf(n -> n == x);
        return out;
    }
}
