package quantmini.qlib;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import quantmini.core.DataType;

/**
 * What one build did, for the command's summary line and the run report.
 *
 * @param mode what the build did with the tree
 * @param reason why, in words (e.g. why an update became a rebuild)
 * @param instruments instruments in the tree afterwards
 * @param instrumentsTouched instruments whose files this build wrote or appended to
 * @param fields the tree's fields, in order
 * @param filesWritten {@code .bin} files written whole
 * @param filesAppended {@code .bin} files appended to
 * @param newDates trading dates the build added to the calendar (all of them for a full build)
 * @param calendarDates trading dates in the tree afterwards
 * @param firstDate the tree's first date, if any
 * @param lastDate the tree's last date, if any
 * @param rowsRead input rows read
 * @param rowsOutsideCalendar minute rows outside the configured session, left out
 * @param seconds wall-clock time of the build
 */
public record GoldBuildSummary(DataType type, Mode mode, String reason, int instruments, int instrumentsTouched,
        List<String> fields, long filesWritten, long filesAppended, int newDates, int calendarDates,
        Optional<LocalDate> firstDate, Optional<LocalDate> lastDate, long rowsRead, long rowsOutsideCalendar, double seconds) {

    /** What a build did with the tree. */
    public enum Mode {
        /** A full build was asked for, or there was no tree yet. */
        FULL,
        /** New dates were appended to the existing files. */
        APPEND,
        /** An update could not append (a past date changed or came in late) and rebuilt the tree. */
        REBUILD,
        /** Nothing new in the input. */
        UP_TO_DATE
    }

    public GoldBuildSummary {
        requireNonNull(type, "type is null");
        requireNonNull(mode, "mode is null");
        requireNonNull(reason, "reason is null");
        fields = List.copyOf(fields);
        requireNonNull(firstDate, "firstDate is null");
        requireNonNull(lastDate, "lastDate is null");
    }

    /** One line for the console. */
    public String describe() {
        return String.format("%s %s: %d instruments (%d touched), %d fields, %d files written, %d appended, "
                        + "%d new dates, calendar %d dates %s..%s, %d rows read%s, %.1f s (%s)",
                type, mode.name().toLowerCase(java.util.Locale.ROOT), instruments, instrumentsTouched, fields.size(),
                filesWritten, filesAppended, newDates, calendarDates, firstDate.map(Object::toString).orElse("-"),
                lastDate.map(Object::toString).orElse("-"), rowsRead,
                rowsOutsideCalendar > 0 ? ", " + rowsOutsideCalendar + " outside the session" : "", seconds, reason);
    }
}
