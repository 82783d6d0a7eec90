package io.hostapp.updater.cli;

import io.hostapp.boot.Slot;
import io.hostapp.updater.UpdateException;
import io.hostapp.updater.lifecycle.ManualActions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code hostapp-update mark-good [a|b]}. */
@Command(name = "mark-good", description = "Commit the booted trial slot (default), or make SLOT the primary slot.")
final class MarkGoodCommand implements Callable<Integer> {
    @Parameters(arity = "0..1", paramLabel = "SLOT", description = "a or b (default: the booted slot)")
    String slot;

    @Mixin
    DeviceOptions device;

    @Override
    public Integer call() throws UpdateException {
        Optional<Slot> s = Verbs.slot(slot);
        return Verbs.locked(device, d -> new ManualActions(d).markGood(s));
    }
}
