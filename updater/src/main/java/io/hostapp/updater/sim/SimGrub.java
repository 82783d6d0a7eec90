package io.hostapp.updater.sim;

import io.hostapp.boot.BootException;
import io.hostapp.boot.GrubBackend;
import io.hostapp.boot.Slot;
import io.hostapp.boot.grub.GrubEnvFile;
import io.hostapp.updater.ExitCode;
import io.hostapp.updater.UpdateException;
import io.hostapp.updater.device.BootBackends;
import io.hostapp.updater.device.Device;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * GRUB running the {@code hostapp.cfg} fragment: {@code load_env -f grubenv} (a block with a wrong size or
 * no signature fails to load: defaults, slot a), the counting if-chain, {@code save_env} of the changed
 * variables only, in place (it can neither create nor grow the file).
 */
final class SimGrub implements SimFirmware {

    @Override
    public void create(Device d) throws UpdateException {
        GrubEnvFile env = BootBackends.grubEnv(d);
        try {
            env.write(Map.of("bootlimit", Integer.toString(d.board().bootloader().bootLimit())));
            GrubBackend.initialize(env, BootBackends.ubootVariables(d.board()), Slot.A);
        } catch (BootException e) {
            throw new UpdateException(ExitCode.BOOTLOADER, e.getMessage(), e);
        }
    }

    @Override
    public SimBootloader.Boot boot(Device d, Optional<String> rebootArgument) throws UpdateException {
        GrubEnvFile file = BootBackends.grubEnv(d);
        Map<String, String> env;
        try {
            env = file.read();
        } catch (BootException e) {
            env = null; // load_env fails: "error: invalid environment block"
        }
        SimBootCounting.Result r = SimBootCounting.apply(env, BootBackends.ubootVariables(d.board()),
                d.board().bootloader().bootLimit());
        if (r.changed()) {
            Map<String, String> changes = new LinkedHashMap<>();
            for (Map.Entry<String, String> e : r.env().entrySet()) {
                if (!e.getValue().equals(env.get(e.getKey()))) {
                    changes.put(e.getKey(), e.getValue()); // save_env writes just the variables it is given
                }
            }
            try {
                file.update(changes);
            } catch (BootException e) {
                throw new UpdateException(ExitCode.BOOTLOADER, "simulated GRUB: save_env: " + e.getMessage(), e);
            }
        }
        return r.boot();
    }
}
