package io.hostapp.updater.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hostapp.updater.UpdateException;
import io.hostapp.updater.events.UpdateListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/** {@code hostapp-update status [--json]}. */
@Command(name = "status", description = "Show booted and primary slot, each slot's state and release, the journal and the last outcome.")
final class StatusCommand implements Callable<Integer> {
    @Mixin
    DeviceOptions device;

    @Override
    public Integer call() throws UpdateException {
        ObjectNode n = Status.collect(device.open(UpdateListener.NONE));
        System.out.print(device.json ? Status.json(n) + System.lineSeparator() : Status.text(n));
        return 0;
    }
}
