package quantmini.core;

/** The process exit codes every command uses (DESIGN.md §5). */
public enum ExitCode {
    /** The job did all it was asked to do. */
    SUCCESS(0),
    /** The job failed on data or on the remote source; the message names the file or date. */
    JOB_FAILED(1),
    /** The command line or the configuration is wrong; the message names the option or key. */
    USAGE_OR_CONFIG(2),
    /** Another run holds the lock on the data root. */
    LOCKED(3);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
