package quantmini.qlib;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import quantmini.core.config.MinuteSession;

class QlibCalendarTest {
    private static final LocalDate WEDNESDAY = LocalDate.of(2024, 11, 27);
    private static final LocalDate HALF_DAY = LocalDate.of(2024, 11, 29);
    private static final LocalDate MONDAY = LocalDate.of(2024, 12, 2);

    @Test
    void dayCalendarHasOneSortedEntryPerDate() {
        QlibCalendar calendar = QlibCalendar.of(QlibFrequency.DAY, MinuteSession.REGULAR, List.of(MONDAY, WEDNESDAY, HALF_DAY, MONDAY));
        assertEquals("2024-11-27\n2024-11-29\n2024-12-02\n", calendar.render());
        assertEquals(1, calendar.indexOf(HALF_DAY, null));
        assertEquals(-1, calendar.indexOf(LocalDate.of(2024, 11, 28), null));
        assertEquals(2, calendar.indexOfEntry("2024-12-02"));
        assertEquals(-1, calendar.indexOfEntry("2024-12-03"));
        assertEquals(-1, calendar.indexOfEntry("garbage"));
    }

    @Test
    void regularMinutesEndAt1259OnAHalfDay() {
        QlibCalendar calendar = QlibCalendar.of(QlibFrequency.MINUTE, MinuteSession.REGULAR, List.of(WEDNESDAY, HALF_DAY, MONDAY));
        assertEquals(390 + 210 + 390, calendar.size());
        assertEquals("2024-11-27 09:30:00", calendar.entry(0));
        assertEquals("2024-11-27 15:59:00", calendar.entry(389));
        assertEquals("2024-11-29 09:30:00", calendar.entry(390));
        assertEquals("2024-11-29 12:59:00", calendar.entry(599));
        assertEquals("2024-12-02 09:30:00", calendar.entry(600));
        assertEquals(599, calendar.indexOf(HALF_DAY, LocalDateTime.of(2024, 11, 29, 12, 59, 30)));
        assertEquals(-1, calendar.indexOf(HALF_DAY, LocalDateTime.of(2024, 11, 29, 13, 0)));
        assertEquals(-1, calendar.indexOf(HALF_DAY, LocalDateTime.of(2024, 11, 29, 9, 29)));
        assertEquals(-1, calendar.indexOf(HALF_DAY, LocalDateTime.of(2024, 11, 30, 10, 0)), "a bar of another day");
        for (int i = 0; i < calendar.size(); i++) {
            assertEquals(i, calendar.indexOfEntry(calendar.entry(i)));
        }
        assertEquals(HALF_DAY, calendar.dateOf(599));
        assertEquals(MONDAY, calendar.dateOf(600));
    }

    @Test
    void extendedMinutesRunFrom0400To1959() {
        QlibCalendar calendar = QlibCalendar.of(QlibFrequency.MINUTE, MinuteSession.EXTENDED, List.of(HALF_DAY));
        assertEquals(960, calendar.size());
        assertEquals("2024-11-29 04:00:00", calendar.entry(0));
        assertEquals("2024-11-29 19:59:00", calendar.entry(959));
    }

    @Test
    void addingLaterDatesKeepsEveryIndex() {
        QlibCalendar before = QlibCalendar.of(QlibFrequency.MINUTE, MinuteSession.REGULAR, List.of(WEDNESDAY, HALF_DAY));
        QlibCalendar after = before.plus(List.of(MONDAY));
        for (int i = 0; i < before.size(); i++) {
            assertEquals(before.entry(i), after.entry(i));
        }
        assertEquals(before.render() + QlibCalendar.of(QlibFrequency.MINUTE, MinuteSession.REGULAR, List.of(MONDAY)).render(),
                after.render());
    }
}
