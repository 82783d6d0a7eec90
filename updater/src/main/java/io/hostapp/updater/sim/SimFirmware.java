package io.hostapp.updater.sim;

import io.hostapp.updater.UpdateException;
import io.hostapp.updater.device.Device;

import java.util.Optional;

/**
 * The bootloader of one family, simulated against a simulated device's bootloader storage exactly as the
 * real one treats it (the boot script, or the firmware's one-shot rules). One implementation per backend.
 */
interface SimFirmware {

    /** Creates the bootloader storage of a fresh device, committed on slot a. */
    void create(Device d) throws UpdateException;

    /**
     * One power-on: decides the slot, updates the bootloader storage as the real bootloader would, and records
     * its report of the boot (the firmware's own, where it has one). {@code rebootArgument} is what the reboot
     * that led here carried (e.g. {@code "0 tryboot"}); empty after a plain reboot, a reset or a power cut.
     * The kernel command line is written by the caller.
     */
    SimBootloader.Boot boot(Device d, Optional<String> rebootArgument) throws UpdateException;
}
