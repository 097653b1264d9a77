package quantmini.features;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.util.List;
import quantmini.core.DataType;
import quantmini.core.Preconditions;

/**
 * What one silver build did.
 *
 * @param datesWritten dates whose silver file was (re)written, ascending
 * @param datesUpToDate dates in range an incremental run left alone (silver newer than its inputs)
 * @param rows rows written over all dates
 * @param failures dates that failed; the others were written all the same
 */
public record SilverBuildSummary(
        DataType type,
        List<LocalDate> datesWritten,
        int datesUpToDate,
        long rows,
        double seconds,
        List<DateFailure> failures) {

    public SilverBuildSummary {
        requireNonNull(type, "type is null");
        datesWritten = List.copyOf(requireNonNull(datesWritten, "datesWritten is null"));
        failures = List.copyOf(requireNonNull(failures, "failures is null"));
        Preconditions.checkArgument(rows >= 0, "rows must not be negative: %s", rows);
        Preconditions.checkArgument(seconds >= 0, "seconds must not be negative: %s", seconds);
    }

    public double rowsPerSecond() {
        return seconds > 0 ? rows / seconds : 0;
    }

    public boolean succeeded() {
        return failures.isEmpty();
    }

    /** One line for the command's output. */
    public String describe() {
        return String.format("%s: %d dates written, %d up to date, %d rows in %.1f s (%.0f rows/s), %d failed",
                type, datesWritten.size(), datesUpToDate, rows, seconds, rowsPerSecond(), failures.size());
    }
}
