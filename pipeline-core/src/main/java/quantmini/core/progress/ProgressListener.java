package quantmini.core.progress;

/**
 * Hears how a long job advances, so the command line can draw a progress bar on a terminal or
 * write plain log lines elsewhere. Implementations must be thread-safe: workers report from
 * their own threads.
 */
public interface ProgressListener {
    /** A listener that ignores everything; for tests and library callers that need no display. */
    ProgressListener NONE = new ProgressListener() {};

    /** A job starts: {@code totalUnits} files or dates, {@code totalBytes} when known, else -1. */
    default void started(String task, long totalUnits, long totalBytes) {}

    /** Bytes moved since the last call (downloaded, read); may be called often. */
    default void bytesDone(long bytes) {}

    /** Rows processed since the last call. */
    default void rowsDone(long rows) {}

    /** One unit (file, date) is finished, successfully or not. */
    default void unitDone(String unit, boolean succeeded) {}

    /** The job ended; the summary line the command prints follows. */
    default void finished() {}
}
