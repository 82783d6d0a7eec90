package io.hostapp.updater.cli;

import io.hostapp.updater.UpdateException;
import io.hostapp.updater.device.Device;
import io.hostapp.updater.events.ConsoleListener;
import io.hostapp.updater.events.JsonLinesListener;
import io.hostapp.updater.events.UpdateListener;
import io.hostapp.updater.storage.DiskStorage;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code --device DIR} / {@code --config-dir DIR}, shared by every command that acts on a device. */
final class DeviceOptions {
    @Option(names = "--device", paramLabel = "DIR",
            description = "Act on the simulated device in DIR (made by 'sim create') instead of this machine.")
    Path device;

    @Option(names = "--config-dir", paramLabel = "DIR", hidden = true,
            description = "Configuration directory of a real device (default /etc/hostapp-update).")
    Path configDir;

    @Option(names = "--json", description = "Print one JSON object per event (status: one JSON object).")
    boolean json;

    /** The listener this command reports through: JSON lines with --json, else lines and progress bars. */
    UpdateListener listener() {
        return json ? new JsonLinesListener(System.out) : ConsoleListener.forStdout();
    }

    /** Lines and progress bars on stdout, for commands without --json. */
    static UpdateListener console() {
        return ConsoleListener.forStdout();
    }

    /** Opens the device, reporting through {@link #listener()}. */
    Device open() throws UpdateException {
        return open(listener());
    }

    Device open(UpdateListener listener) throws UpdateException {
        if (device != null) {
            return Device.openSimulated(device, new DiskStorage(), listener);
        }
        return Device.openReal(configDir != null ? configDir : Device.DEFAULT_CONFIG_DIR, new DiskStorage(), listener);
    }
}
