package quantmini.core;

import static java.util.Objects.requireNonNull;

/**
 * A failure the user must see as one line, with the exit code it maps to. The message names
 * what failed (file, line, key, date) and why, and never contains a secret.
 */
public class QuantminiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ExitCode exitCode;

    public QuantminiException(ExitCode exitCode, String message) {
        super(requireNonNull(message, "message is null"));
        this.exitCode = requireNonNull(exitCode, "exitCode is null");
    }

    public QuantminiException(ExitCode exitCode, String message, Throwable cause) {
        super(requireNonNull(message, "message is null"), cause);
        this.exitCode = requireNonNull(exitCode, "exitCode is null");
    }

    public ExitCode exitCode() {
        return exitCode;
    }
}
