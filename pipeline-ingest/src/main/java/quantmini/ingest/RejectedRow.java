package quantmini.ingest;

import static java.util.Objects.requireNonNull;

import quantmini.core.Preconditions;

/**
 * One quarantined row: its line in the source file (the header is line 1), why, and the line as
 * it was (without its line end).
 */
public record RejectedRow(long lineNumber, RejectReason reason, String line) {
    public RejectedRow {
        Preconditions.checkArgument(lineNumber >= 2, "a data row starts at line 2: %s", lineNumber);
        requireNonNull(reason, "reason is null");
        requireNonNull(line, "line is null");
    }
}
