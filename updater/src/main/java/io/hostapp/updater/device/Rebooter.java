package io.hostapp.updater.device;

import io.hostapp.updater.UpdateException;

/** Restarts the device. Real devices run the board's reboot command; simulated ones record the request. */
public interface Rebooter {
    /** Asks for a reboot. On a real device this does not return normally once the reboot begins. */
    void reboot(String why) throws UpdateException;
}
