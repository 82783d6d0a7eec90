package io.hostapp.updater;

/**
 * The CLI's documented exit codes (also in the README and {@code hostapp-update --help}).
 * Codes are stable: scripts and fleet tooling match on them.
 */
public enum ExitCode {
    OK(0, "success"),
    FAILURE(1, "internal or unexpected failure"),
    USAGE(2, "bad command line"),
    INPUT(3, "payload missing, unreadable, empty, or its sidecar malformed"),
    VERIFY(4, "payload verification failed: hash or length mismatch, truncated image, corrupt compression"),
    TOO_LARGE(5, "image larger than the target slot"),
    CONFIG(6, "board file or device configuration invalid"),
    BOOTLOADER(7, "bootloader env unreadable or unwritable (e.g. both copies corrupt)"),
    LOCKED(8, "another install is in progress"),
    STATE(9, "refused in the current state (e.g. an update awaits reboot or commit)"),
    WRONG_BOARD(10, "payload is for another board"),
    HEALTH(11, "health checks failed: the update was rolled back"),
    ROLLED_BACK(12, "the bootloader fell back: the update was rolled back"),
    HOOK(13, "an update hook failed"),
    NETWORK(14, "download failed: HTTP error, TLS failure, server gave up or lied, retries or deadline exhausted"),
    METADATA(15, "signed repository metadata rejected: signature, threshold, expiry, rollback, length or hash check failed"),
    REFUSED(16, "release refused: a downgrade not signed as allowed, or a payload for another board"),
    REPOSITORY(17, "hostapp-repo: repository not initialized (or already), its files unreadable or malformed, or no such release"),
    KEYS(18, "hostapp-repo: signing keys missing or unreadable, or fewer than a role's threshold");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }
}
