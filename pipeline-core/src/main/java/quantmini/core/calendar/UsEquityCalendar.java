package quantmini.core.calendar;

import static java.util.Objects.requireNonNull;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Month;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import quantmini.core.Preconditions;

/**
 * The US equity and options exchanges' trading days and session hours (NYSE rules).
 *
 * <p>Which dates hold data is always learned by listing the bucket (DESIGN.md §1); this calendar
 * serves what cannot list: the sample-data generator, counting "the last N trading days" for a
 * re-check window, and laying out a minute calendar with its half days.
 */
public final class UsEquityCalendar {
    public static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    public static final LocalTime REGULAR_OPEN = LocalTime.of(9, 30);
    public static final LocalTime REGULAR_CLOSE = LocalTime.of(16, 0);
    public static final LocalTime EARLY_CLOSE = LocalTime.of(13, 0);
    public static final LocalTime EXTENDED_OPEN = LocalTime.of(4, 0);
    public static final LocalTime EXTENDED_CLOSE = LocalTime.of(20, 0);

    /** Closures outside the yearly rules: 9/11, state funerals, Hurricane Sandy. */
    private static final Set<LocalDate> SPECIAL_CLOSURES = Set.of(
            LocalDate.of(2001, 9, 11), LocalDate.of(2001, 9, 12), LocalDate.of(2001, 9, 13),
            LocalDate.of(2001, 9, 14), LocalDate.of(2004, 6, 11), LocalDate.of(2007, 1, 2),
            LocalDate.of(2012, 10, 29), LocalDate.of(2012, 10, 30), LocalDate.of(2018, 12, 5),
            LocalDate.of(2025, 1, 9));

    private UsEquityCalendar() {}

    public static boolean isTradingDay(LocalDate date) {
        requireNonNull(date, "date is null");
        DayOfWeek day = date.getDayOfWeek();
        return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY && !isHoliday(date);
    }

    /** A weekday the exchanges are closed. */
    public static boolean isHoliday(LocalDate date) {
        if (SPECIAL_CLOSURES.contains(date)) {
            return true;
        }
        int year = date.getYear();
        return date.equals(newYearsHoliday(year))
                || (year >= 1998 && date.equals(nthWeekday(year, Month.JANUARY, 3, DayOfWeek.MONDAY)))
                || date.equals(nthWeekday(year, Month.FEBRUARY, 3, DayOfWeek.MONDAY))
                || date.equals(easterSunday(year).minusDays(2))
                || date.equals(LocalDate.of(year, Month.MAY, 31).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)))
                || (year >= 2022 && date.equals(observed(LocalDate.of(year, Month.JUNE, 19))))
                || date.equals(observed(LocalDate.of(year, Month.JULY, 4)))
                || date.equals(nthWeekday(year, Month.SEPTEMBER, 1, DayOfWeek.MONDAY))
                || date.equals(nthWeekday(year, Month.NOVEMBER, 4, DayOfWeek.THURSDAY))
                || date.equals(observed(LocalDate.of(year, Month.DECEMBER, 25)));
    }

    /** A trading day whose regular session ends at 13:00 New York time. */
    public static boolean isEarlyClose(LocalDate date) {
        if (!isTradingDay(date)) {
            return false;
        }
        int year = date.getYear();
        return date.equals(LocalDate.of(year, Month.JULY, 3))
                || date.equals(nthWeekday(year, Month.NOVEMBER, 4, DayOfWeek.THURSDAY).plusDays(1))
                || date.equals(LocalDate.of(year, Month.DECEMBER, 24));
    }

    /** The end of the regular session (exclusive): 16:00, or 13:00 on an early-close day. */
    public static LocalTime regularClose(LocalDate date) {
        Preconditions.checkArgument(isTradingDay(date), "%s is not a trading day", date);
        return isEarlyClose(date) ? EARLY_CLOSE : REGULAR_CLOSE;
    }

    /** The trading days from {@code from} to {@code to}, both inclusive, ascending. */
    public static List<LocalDate> tradingDays(LocalDate from, LocalDate to) {
        requireNonNull(from, "from is null");
        requireNonNull(to, "to is null");
        Preconditions.checkArgument(!to.isBefore(from), "range ends (%s) before it starts (%s)", to, from);
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate date = from; !date.isAfter(to); date = date.plusDays(1)) {
            if (isTradingDay(date)) {
                days.add(date);
            }
        }
        return days;
    }

    /** The trading day {@code count} trading days before {@code date} (which need not trade). */
    public static LocalDate minusTradingDays(LocalDate date, int count) {
        Preconditions.checkArgument(count >= 0, "count must not be negative: %s", count);
        LocalDate current = date;
        int remaining = count;
        while (remaining > 0) {
            current = current.minusDays(1);
            if (isTradingDay(current)) {
                remaining--;
            }
        }
        return current;
    }

    private static LocalDate newYearsHoliday(int year) {
        LocalDate newYear = LocalDate.of(year, Month.JANUARY, 1);
        // NYSE does not close on the Friday before a Saturday New Year's Day.
        return newYear.getDayOfWeek() == DayOfWeek.SUNDAY ? newYear.plusDays(1) : newYear;
    }

    private static LocalDate observed(LocalDate holiday) {
        switch (holiday.getDayOfWeek()) {
            case SATURDAY:
                return holiday.minusDays(1);
            case SUNDAY:
                return holiday.plusDays(1);
            default:
                return holiday;
        }
    }

    private static LocalDate nthWeekday(int year, Month month, int n, DayOfWeek weekday) {
        return LocalDate.of(year, month, 1).with(TemporalAdjusters.dayOfWeekInMonth(n, weekday));
    }

    /** Gregorian Easter Sunday (the anonymous Gregorian algorithm). */
    static LocalDate easterSunday(int year) {
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int day = ((h + l - 7 * m + 114) % 31) + 1;
        return LocalDate.of(year, month, day);
    }
}
