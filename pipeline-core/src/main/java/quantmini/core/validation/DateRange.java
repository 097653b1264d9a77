package quantmini.core.validation;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Optional;
import quantmini.core.Preconditions;

/**
 * The dates a validation covers, both ends inclusive; an empty end is open (everything present).
 */
public record DateRange(Optional<LocalDate> from, Optional<LocalDate> to) {
    /** Every date. */
    public static final DateRange ALL = new DateRange(Optional.empty(), Optional.empty());

    /** The earliest and latest dates a flat-file key can have. */
    private static final LocalDate EARLIEST = LocalDate.of(1000, 1, 1);
    private static final LocalDate LATEST = LocalDate.of(9999, 12, 31);

    public DateRange {
        requireNonNull(from, "from is null");
        requireNonNull(to, "to is null");
        Preconditions.checkArgument(from.isEmpty() || to.isEmpty() || !to.get().isBefore(from.get()),
                "date range ends before it starts: %s to %s", from.orElse(null), to.orElse(null));
    }

    /** The first date, or the earliest possible one when open. */
    public LocalDate first() {
        return from.orElse(EARLIEST);
    }

    /** The last date, or the latest possible one when open. */
    public LocalDate last() {
        return to.orElse(LATEST);
    }

    public boolean contains(LocalDate date) {
        return !date.isBefore(first()) && !date.isAfter(last());
    }

    /** Whether any day of {@code month} is in the range. */
    public boolean overlaps(YearMonth month) {
        return !month.isBefore(YearMonth.from(first())) && !month.isAfter(YearMonth.from(last()));
    }
}
