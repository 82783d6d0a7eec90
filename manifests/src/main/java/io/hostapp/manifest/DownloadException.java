package io.hostapp.manifest;

/** A file could not be fetched. {@link #httpStatus()} is the HTTP status when the server answered. */
public class DownloadException extends MetadataException {
    /** Status value when no HTTP status is known (connection failure, local I/O). */
    public static final int NO_STATUS = -1;

    private final int httpStatus;

    public DownloadException(String role, Check check, String detail) {
        this(role, check, detail, NO_STATUS, null);
    }

    public DownloadException(String role, Check check, String detail, int httpStatus, Throwable cause) {
        super(role, check, detail, cause);
        this.httpStatus = httpStatus;
    }

    /** The HTTP status the server answered with, or {@link #NO_STATUS}. */
    public int httpStatus() {
        return httpStatus;
    }

    /** True for 403 and 404: the file does not exist on the repository (e.g. no newer root). */
    public boolean isNotFound() {
        return httpStatus == 403 || httpStatus == 404;
    }

    public DownloadException(String role, Check check, String detail, Throwable cause) {
        this(role, check, detail, NO_STATUS, cause);
    }
}
