package quantmini.download;

import static java.util.Objects.requireNonNull;

/**
 * A source failed to list or fetch. The reason decides what the caller does: retry, give up on
 * one key, or stop the whole run. The message is one line and never holds a secret.
 */
public final class SourceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why a source call failed, grouped by what to do about it. */
    public enum Reason {
        /** Throttling, 5xx, a reset connection, a body cut short, a timeout: worth retrying. */
        TRANSIENT,
        /** Credentials refused (403, InvalidAccessKeyId, SignatureDoesNotMatch): stop the run. */
        ACCESS_DENIED,
        /** The bucket (or local folder) does not exist: stop the run. */
        NO_SUCH_BUCKET,
        /** The object is gone (e.g. deleted after listing): give up on this key. */
        NOT_FOUND,
        /** Anything else a retry will not fix (a bad request, a corrupt object): give up on this key. */
        PERMANENT;

        public boolean isRetryable() {
            return this == TRANSIENT;
        }

        /** True when no other key can succeed either, so the run should stop at once. */
        public boolean stopsRun() {
            return this == ACCESS_DENIED || this == NO_SUCH_BUCKET;
        }
    }

    private final Reason reason;

    public SourceException(Reason reason, String message) {
        super(requireNonNull(message, "message is null"));
        this.reason = requireNonNull(reason, "reason is null");
    }

    public SourceException(Reason reason, String message, Throwable cause) {
        super(requireNonNull(message, "message is null"), cause);
        this.reason = requireNonNull(reason, "reason is null");
    }

    public Reason reason() {
        return reason;
    }
}
