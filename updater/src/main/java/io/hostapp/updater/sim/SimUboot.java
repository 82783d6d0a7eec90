package io.hostapp.updater.sim;

import io.hostapp.boot.BootException;
import io.hostapp.boot.Slot;
import io.hostapp.boot.UbootBackend;
import io.hostapp.boot.uboot.UbootEnvStore;
import io.hostapp.updater.ExitCode;
import io.hostapp.updater.UpdateException;
import io.hostapp.updater.board.Board;
import io.hostapp.updater.device.BootBackends;
import io.hostapp.updater.device.Device;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.util.Map;
import java.util.Optional;

/** U-Boot running {@code boot.cmd}: the env (single or redundant copies) is read, counted, saved with saveenv. */
final class SimUboot implements SimFirmware {

    @Override
    public void create(Device d) throws UpdateException {
        try {
            for (Board.EnvCopySpec c : d.board().bootloader().env()) {
                try (RandomAccessFile f = new RandomAccessFile(d.resolve(c.device()).toFile(), "rw")) {
                    f.setLength(Math.max(f.length(), c.offset() + c.size()));
                }
            }
            UbootBackend.initialize(BootBackends.ubootStore(d), BootBackends.ubootVariables(d.board()), Slot.A,
                    Map.of("bootlimit", Integer.toString(d.board().bootloader().bootLimit())));
        } catch (IOException e) {
            throw new UpdateException(ExitCode.FAILURE, "simulated U-Boot env: " + e.getMessage(), e);
        } catch (BootException e) {
            throw new UpdateException(ExitCode.BOOTLOADER, e.getMessage(), e);
        }
    }

    @Override
    public SimBootloader.Boot boot(Device d, Optional<String> rebootArgument) throws UpdateException {
        UbootEnvStore store = BootBackends.ubootStore(d);
        Map<String, String> env;
        try {
            env = store.read();
        } catch (BootException e) {
            env = null; // "*** Warning - bad CRC, using default environment"
        }
        SimBootCounting.Result r = SimBootCounting.apply(env, BootBackends.ubootVariables(d.board()),
                d.board().bootloader().bootLimit());
        if (r.changed()) {
            try {
                store.write(r.env());
            } catch (BootException e) {
                throw new UpdateException(ExitCode.BOOTLOADER, "simulated U-Boot: saveenv: " + e.getMessage(), e);
            }
        }
        return r.boot();
    }
}
