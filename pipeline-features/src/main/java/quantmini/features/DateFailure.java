package quantmini.features;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;

/** A date whose silver file could not be written, and why; its old file, if any, is untouched. */
public record DateFailure(LocalDate date, String message) {
    public DateFailure {
        requireNonNull(date, "date is null");
        requireNonNull(message, "message is null");
    }
}
