package io.hostapp.tests.fuzz;

import io.hostapp.boot.BootVariables;

import java.util.List;
import java.util.Map;

/** Variable schemes a board may configure: the DESIGN.md names, Mender's and balenaOS's. */
final class BootSchemes {
    private static final List<BootVariables> SCHEMES = List.of(
            BootVariables.DEFAULT,
            BootVariables.fromMap(Map.of("slot", "mender_boot_part", "slot_a_value", "2", "slot_b_value", "3",
                    "upgrade_available", "upgrade_available", "bootcount", "bootcount")),
            BootVariables.fromMap(Map.of("slot", "resin_root_part", "slot_a_value", "A", "slot_b_value", "B")),
            BootVariables.fromMap(Map.of("fallback_slot", "altboot", "rollback", "rollback_happened")));

    private BootSchemes() {
    }

    /** One of the schemes, by the low two bits of {@code selector}. */
    static BootVariables pick(int selector) {
        return SCHEMES.get(selector & 3);
    }
}
