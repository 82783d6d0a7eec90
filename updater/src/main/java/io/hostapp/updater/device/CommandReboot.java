package io.hostapp.updater.device;

import io.hostapp.updater.ExitCode;
import io.hostapp.updater.UpdateException;

import java.io.IOException;
import java.util.List;

/** Reboots a real device with the board's reboot command (default {@code systemctl reboot}). */
final class CommandReboot implements Rebooter {
    private final List<String> command;

    CommandReboot(List<String> command) {
        this.command = List.copyOf(command);
    }

    @Override
    public void reboot(String why) throws UpdateException {
        try {
            int rc = new ProcessBuilder(command).inheritIO().start().waitFor();
            if (rc != 0) {
                throw new UpdateException(ExitCode.FAILURE, "reboot: " + String.join(" ", command) + " exited " + rc);
            }
        } catch (IOException e) {
            throw new UpdateException(ExitCode.FAILURE, "reboot: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpdateException(ExitCode.FAILURE, "reboot: interrupted");
        }
    }
}
