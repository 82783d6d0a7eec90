package io.hostapp.updater.sim;

import io.hostapp.boot.BootVariables;
import io.hostapp.boot.Slot;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the boot scripts {@code boot.cmd} and {@code hostapp.cfg} (and the custom example's bootloader) do on
 * every boot, as one function over the variables:
 * <pre>
 *   state unreadable                  → defaults: slot a, no trial (nothing written)
 *   upgrade_available = 1             → bootcount += 1
 *       bootcount &gt; bootlimit         → slot = fallback_slot, upgrade_available = 0, bootcount = 0, rollback = 1
 *   save (only when it changed)       → boot `slot`
 * </pre>
 * Counters stay single decimal digits, as the scripts' if-chains keep them.
 */
final class SimBootCounting {
    /** The decision and the variables to write back ({@code changed} false: write nothing). */
    record Result(SimBootloader.Boot boot, Map<String, String> env, boolean changed) {
    }

    private SimBootCounting() {
    }

    /** {@code env} null: the state could not be read. */
    static Result apply(Map<String, String> env, BootVariables v, int defaultLimit) {
        if (env == null) {
            return new Result(new SimBootloader.Boot(Slot.A, 0, defaultLimit, false, false, true), null, false);
        }
        Map<String, String> out = new LinkedHashMap<>(env);
        Slot slot = v.slotOf(env.get(v.slot()));
        if (slot == null) {
            slot = Slot.A;
        }
        boolean trial = "1".equals(env.get(v.upgradeAvailable()));
        boolean fellBack = false;
        int count = digit(env.get(v.bootcount()), 0);
        int limit = digit(env.get(v.bootlimit()), defaultLimit);
        if (trial) {
            count++;
            if (count > limit) {
                Slot fb = v.slotOf(env.get(v.fallbackSlot()));
                slot = fb != null ? fb : slot.other();
                out.put(v.slot(), v.valueOf(slot));
                out.put(v.upgradeAvailable(), "0");
                count = 0;
                out.put(v.rollback(), "1");
                fellBack = true;
            }
            out.put(v.bootcount(), Integer.toString(count));
        }
        SimBootloader.Boot b = new SimBootloader.Boot(slot, count, limit, trial && !fellBack, fellBack, false);
        return new Result(b, out, !out.equals(env));
    }

    /** A single decimal digit, as the boot script keeps it; anything else reads as {@code dflt}. */
    private static int digit(String s, int dflt) {
        return s != null && s.length() == 1 && Character.isDigit(s.charAt(0)) ? s.charAt(0) - '0' : dflt;
    }
}
