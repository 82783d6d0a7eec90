package io.hostapp.updater.cli;

import io.hostapp.updater.UpdateException;
import io.hostapp.updater.lifecycle.ManualActions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/** {@code hostapp-update rollback}. */
@Command(name = "rollback", description = {"During an update: abandon it and return to the old slot.",
        "When idle: arm a trial of the other slot's release, after checking its content hash."})
final class RollbackCommand implements Callable<Integer> {
    @Mixin
    DeviceOptions device;

    @Override
    public Integer call() throws UpdateException {
        return Verbs.locked(device, d -> new ManualActions(d).rollback());
    }
}
