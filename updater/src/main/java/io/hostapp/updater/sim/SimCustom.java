package io.hostapp.updater.sim;

import io.hostapp.boot.BootVariables;
import io.hostapp.updater.ExitCode;
import io.hostapp.updater.UpdateException;
import io.hostapp.updater.board.Board;
import io.hostapp.updater.board.BoardFileException;
import io.hostapp.updater.device.BootBackends;
import io.hostapp.updater.device.Device;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A bootloader for the custom backend's example program ({@code boot-scripts/custom/hostapp-boot-file.sh}):
 * the program keeps DESIGN.md's variables as {@code name=value} lines in a state file, and this simulated
 * bootloader counts boots in that file the way {@code boot.cmd} counts them in a U-Boot env. The board's
 * {@code program} must be {@code ["sh", SCRIPT, STATEFILE, CMDLINE]}; {@code sim create} installs the example
 * as SCRIPT. The updater talks to the program only, never to the file.
 */
final class SimCustom implements SimFirmware {
    /** The example program inside the bootloader-hooks jar. */
    static final String EXAMPLE = "/io/hostapp/boot/scripts/custom/hostapp-boot-file.sh";

    @Override
    public void create(Device d) throws UpdateException {
        List<String> p = program(d);
        try (InputStream in = SimCustom.class.getResourceAsStream(EXAMPLE)) {
            if (in == null) {
                throw new UpdateException(ExitCode.FAILURE, "the example custom program " + EXAMPLE + " is not in the jar");
            }
            BootBackends.files(d).replace(d.resolve(p.get(1)), in.readAllBytes());
        } catch (IOException e) {
            throw new UpdateException(ExitCode.FAILURE, "simulated custom bootloader: " + e.getMessage(), e);
        }
        BootVariables v = BootVariables.DEFAULT;
        Map<String, String> env = new LinkedHashMap<>();
        env.put(v.slot(), "a");
        env.put(v.fallbackSlot(), "a");
        env.put(v.upgradeAvailable(), "0");
        env.put(v.bootcount(), "0");
        env.put(v.bootlimit(), Integer.toString(d.board().bootloader().bootLimit()));
        env.put(v.rollback(), "0");
        write(d, env);
    }

    @Override
    public SimBootloader.Boot boot(Device d, Optional<String> rebootArgument) throws UpdateException {
        Map<String, String> env = read(d);
        SimBootCounting.Result r = SimBootCounting.apply(env, BootVariables.DEFAULT, d.board().bootloader().bootLimit());
        if (r.changed()) {
            write(d, r.env());
        }
        return r.boot();
    }

    private static List<String> program(Device d) throws UpdateException {
        List<String> p = ((Board.CustomParams) d.board().bootloader().params()).program();
        if (p.size() != 4 || !p.get(0).equals("sh")) {
            throw new BoardFileException("board " + d.board().name() + ": field 'bootloader.program': a simulated custom"
                    + " board runs the example program: [\"sh\", SCRIPT, STATEFILE, CMDLINE]");
        }
        return p;
    }

    private static Path stateFile(Device d) throws UpdateException {
        return d.resolve(program(d).get(2));
    }

    private static Map<String, String> read(Device d) throws UpdateException {
        try {
            String text = new String(BootBackends.files(d).read(stateFile(d)), StandardCharsets.UTF_8);
            Map<String, String> env = new LinkedHashMap<>();
            for (String l : text.split("\n")) {
                int eq = l.indexOf('=');
                if (eq > 0) {
                    env.put(l.substring(0, eq), l.substring(eq + 1));
                }
            }
            return env;
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UpdateException(ExitCode.BOOTLOADER, "simulated custom bootloader: " + e.getMessage(), e);
        }
    }

    private static void write(Device d, Map<String, String> env) throws UpdateException {
        StringBuilder sb = new StringBuilder();
        env.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        try {
            BootBackends.files(d).replace(stateFile(d), sb.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UpdateException(ExitCode.BOOTLOADER, "simulated custom bootloader: " + e.getMessage(), e);
        }
    }
}
