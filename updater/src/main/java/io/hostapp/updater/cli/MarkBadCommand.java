package io.hostapp.updater.cli;

import io.hostapp.boot.Slot;
import io.hostapp.updater.UpdateException;
import io.hostapp.updater.lifecycle.ManualActions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code hostapp-update mark-bad [a|b]}. */
@Command(name = "mark-bad", description = "Reject the update in SLOT (rolls back if it is booted), or make an idle SLOT unbootable.")
final class MarkBadCommand implements Callable<Integer> {
    @Parameters(arity = "0..1", paramLabel = "SLOT", description = "a or b (default: the booted slot)")
    String slot;

    @Mixin
    DeviceOptions device;

    @Override
    public Integer call() throws UpdateException {
        Optional<Slot> s = Verbs.slot(slot);
        return Verbs.locked(device, d -> new ManualActions(d).markBad(s));
    }
}
