package io.hostapp.updater.device;

import io.hostapp.boot.BootBackend;
import io.hostapp.boot.BootException;
import io.hostapp.updater.ExitCode;
import io.hostapp.updater.UpdateException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reboots a real device with the board's reboot command (default {@code systemctl reboot}). When the
 * bootloader backend needs an argument for the next boot (Raspberry Pi tryboot: {@code "0 tryboot"}, see
 * {@link BootBackend#prepareReboot()}), it is appended as one more argument:
 * {@code systemctl reboot "0 tryboot"}.
 */
final class CommandReboot implements Rebooter {
    private final List<String> command;
    private final BootBackend boot;

    /** Reboots with {@code command}, asking {@code boot} for the reboot argument (null: never one). */
    CommandReboot(List<String> command, BootBackend boot) {
        this.command = List.copyOf(command);
        this.boot = boot;
    }

    CommandReboot(List<String> command) {
        this(command, null);
    }

    @Override
    public void reboot(String why) throws UpdateException {
        List<String> cmd = new ArrayList<>(command);
        try {
            Optional<String> arg = boot == null ? Optional.empty() : boot.prepareReboot();
            arg.ifPresent(cmd::add);
        } catch (BootException e) {
            throw new UpdateException(ExitCode.BOOTLOADER, "reboot: " + e.getMessage(), e);
        }
        try {
            int rc = new ProcessBuilder(cmd).inheritIO().start().waitFor();
            if (rc != 0) {
                throw new UpdateException(ExitCode.FAILURE, "reboot: " + String.join(" ", cmd) + " exited " + rc);
            }
        } catch (IOException e) {
            throw new UpdateException(ExitCode.FAILURE, "reboot: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpdateException(ExitCode.FAILURE, "reboot: interrupted");
        }
    }
}
