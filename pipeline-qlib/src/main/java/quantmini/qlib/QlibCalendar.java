package quantmini.qlib;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import quantmini.core.Preconditions;
import quantmini.core.calendar.UsEquityCalendar;
import quantmini.core.config.MinuteSession;

/**
 * The entries of a Qlib calendar, derived from the trading dates a tree holds: one entry per date
 * for {@code day}, one per session minute (New York time) for {@code 1min}. Because the entries
 * follow from (frequency, session, dates) alone, an update that adds dates extends the calendar
 * exactly as a full build over all dates would.
 */
public final class QlibCalendar {
    private final QlibFrequency frequency;
    private final MinuteSession session;
    private final List<LocalDate> dates;
    /** Index of each date's first entry; one extra element holds the size. */
    private final int[] dayStart;
    private final Map<LocalDate, Integer> dateIndex;

    private QlibCalendar(QlibFrequency frequency, MinuteSession session, List<LocalDate> dates) {
        this.frequency = frequency;
        this.session = session;
        this.dates = List.copyOf(dates);
        this.dayStart = new int[dates.size() + 1];
        this.dateIndex = new HashMap<>(dates.size() * 2);
        for (int i = 0; i < dates.size(); i++) {
            dateIndex.put(dates.get(i), i);
            dayStart[i + 1] = dayStart[i] + entriesOn(dates.get(i));
        }
    }

    /** The calendar of {@code dates} (any order, duplicates ignored). */
    public static QlibCalendar of(QlibFrequency frequency, MinuteSession session, Collection<LocalDate> dates) {
        requireNonNull(frequency, "frequency is null");
        requireNonNull(session, "session is null");
        requireNonNull(dates, "dates is null");
        return new QlibCalendar(frequency, session, new ArrayList<>(new TreeSet<>(dates)));
    }

    /** This calendar with more dates; every existing entry keeps its index when they all come later. */
    public QlibCalendar plus(Collection<LocalDate> more) {
        List<LocalDate> all = new ArrayList<>(dates);
        all.addAll(more);
        return of(frequency, session, all);
    }

    public QlibFrequency frequency() {
        return frequency;
    }

    public MinuteSession session() {
        return session;
    }

    /** The trading dates, ascending. */
    public List<LocalDate> dates() {
        return dates;
    }

    public int size() {
        return dayStart[dates.size()];
    }

    public boolean isEmpty() {
        return dates.isEmpty();
    }

    /** The index of the first entry of {@code date}, or -1 when the calendar lacks the date. */
    public int firstIndexOf(LocalDate date) {
        Integer i = dateIndex.get(date);
        return i == null ? -1 : dayStart[i];
    }

    /**
     * The entry of a bar: for {@code day} the trading date's entry; for {@code 1min} the minute
     * {@code newYorkStart} falls in, when it lies in {@code tradingDate}'s session, else -1.
     */
    public int indexOf(LocalDate tradingDate, LocalDateTime newYorkStart) {
        Integer i = dateIndex.get(tradingDate);
        if (i == null) {
            return -1;
        }
        if (frequency == QlibFrequency.DAY) {
            return i;
        }
        if (!newYorkStart.toLocalDate().equals(tradingDate)) {
            return -1;
        }
        int minute = newYorkStart.getHour() * 60 + newYorkStart.getMinute() - minuteOfDay(open());
        return minute >= 0 && minute < entriesOn(tradingDate) ? dayStart[i] + minute : -1;
    }

    /** The trading date of entry {@code index}. */
    public LocalDate dateOf(int index) {
        checkIndex(index);
        int i = Arrays.binarySearch(dayStart, 0, dates.size(), index);
        return dates.get(i >= 0 ? i : -i - 2);
    }

    /** Entry {@code index} as Qlib writes it: {@code YYYY-MM-DD} or {@code YYYY-MM-DD HH:MM:SS}. */
    public String entry(int index) {
        LocalDate date = dateOf(index);
        if (frequency == QlibFrequency.DAY) {
            return date.toString();
        }
        int minute = minuteOfDay(open()) + index - dayStart[dateIndex.get(date)];
        StringBuilder text = new StringBuilder(19).append(date).append(' ');
        twoDigits(text, minute / 60).append(':');
        return twoDigits(text, minute % 60).append(":00").toString();
    }

    /** The index of a calendar entry in its text form, or -1. */
    public int indexOfEntry(String entry) {
        requireNonNull(entry, "entry is null");
        try {
            if (frequency == QlibFrequency.DAY) {
                return indexOf(LocalDate.parse(entry), null);
            }
            Preconditions.checkArgument(entry.length() == 19 && entry.endsWith(":00"), "not a minute entry: %s", entry);
            LocalDateTime time = LocalDateTime.of(LocalDate.parse(entry.substring(0, 10)), LocalTime.parse(entry.substring(11)));
            return indexOf(time.toLocalDate(), time);
        } catch (java.time.format.DateTimeParseException e) {
            return -1;
        }
    }

    /** The calendar file's content: one entry per line. */
    public String render() {
        StringBuilder text = new StringBuilder(size() * (frequency == QlibFrequency.DAY ? 11 : 20));
        for (int i = 0; i < size(); i++) {
            text.append(entry(i)).append('\n');
        }
        return text.toString();
    }

    private int entriesOn(LocalDate date) {
        if (frequency == QlibFrequency.DAY) {
            return 1;
        }
        return minuteOfDay(close(date)) - minuteOfDay(open());
    }

    private LocalTime open() {
        return session == MinuteSession.EXTENDED ? UsEquityCalendar.EXTENDED_OPEN : UsEquityCalendar.REGULAR_OPEN;
    }

    /** The session's end (exclusive). A date with data that the rules call closed keeps a full day. */
    private LocalTime close(LocalDate date) {
        if (session == MinuteSession.EXTENDED) {
            return UsEquityCalendar.EXTENDED_CLOSE;
        }
        return UsEquityCalendar.isEarlyClose(date) ? UsEquityCalendar.EARLY_CLOSE : UsEquityCalendar.REGULAR_CLOSE;
    }

    private static int minuteOfDay(LocalTime time) {
        return time.getHour() * 60 + time.getMinute();
    }

    private static StringBuilder twoDigits(StringBuilder text, int value) {
        if (value < 10) {
            text.append('0');
        }
        return text.append(value);
    }

    private void checkIndex(int index) {
        Preconditions.checkArgument(index >= 0 && index < size(), "calendar index %s outside [0, %s)", index, size());
    }
}
