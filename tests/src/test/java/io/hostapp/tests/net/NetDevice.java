package io.hostapp.tests.net;

import io.hostapp.updater.device.Device;
import io.hostapp.updater.events.UpdateListener;
import io.hostapp.updater.sim.SimulatedDevice;
import io.hostapp.updater.storage.DiskStorage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The simulated device the network tests install into: 4 MiB slots, redundant U-Boot env, no health checks. */
final class NetDevice {
    private NetDevice() {
    }

    /** Creates {@code tmp/device} with {@code v1} in slot a. */
    static Device create(Path tmp, byte[] v1) throws Exception {
        Path board = tmp.resolve("board.json");
        Files.writeString(board, """
                {"schema": 1, "name": "sim-net", "simulated": true,
                 "slots": {"a": {"device": "slot-a.img", "size": 4194304}, "b": {"device": "slot-b.img", "size": 4194304}},
                 "bootloader": {"type": "uboot", "env": [{"device": "uboot.env", "size": 8192},
                                                          {"device": "uboot.env", "offset": 8192, "size": 8192}]},
                 "cmdline": "proc-cmdline", "dataDir": "data"}
                """);
        Path image = Files.write(tmp.resolve("v1.img"), v1);
        return SimulatedDevice.create(board.toString(), tmp.resolve("device"), image, Optional.of("v1"),
                new DiskStorage(), UpdateListener.NONE);
    }
}
