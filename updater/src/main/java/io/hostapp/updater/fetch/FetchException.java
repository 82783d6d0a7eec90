package io.hostapp.updater.fetch;

import java.io.IOException;

/**
 * A download failed for good: the message names the URL and the reason in one line. {@link Kind} tells the
 * install what to do: {@link Kind#CONTENT_CHANGED} means start over from byte 0; every other kind is a clean
 * failure.
 */
public class FetchException extends IOException {
    public enum Kind {
        /** The server answered with a status that retrying will not change (404, 403, 416 ...). */
        HTTP_STATUS,
        /** The payload changed under us (validator or total length differs on resume): start over. */
        CONTENT_CHANGED,
        /** The server sent more than the signed length allows (endless data attack). */
        TOO_LONG,
        /** The server's answer contradicts the request (wrong Content-Range, redirect loop, bad headers). */
        PROTOCOL,
        /** TLS handshake or certificate failure: not retried. */
        TLS,
        /** Attempts or the overall deadline ran out. */
        GAVE_UP,
        /** Unsupported URL, proxy setting or TLS material. */
        CONFIG
    }

    private final Kind kind;
    private final int httpStatus;

    public FetchException(Kind kind, String message) {
        this(kind, message, null, 0);
    }

    public FetchException(Kind kind, String message, int httpStatus) {
        this(kind, message, null, httpStatus);
    }

    private FetchException(Kind kind, String message, Throwable cause, int httpStatus) {
        super(message, cause);
        this.kind = kind;
        this.httpStatus = httpStatus;
    }

    public FetchException(Kind kind, String message, Throwable cause) {
        this(kind, message, cause, 0);
    }

    /** The final HTTP status for {@link Kind#HTTP_STATUS}, else 0. */
    public int httpStatus() {
        return httpStatus;
    }

    public Kind kind() {
        return kind;
    }
}
