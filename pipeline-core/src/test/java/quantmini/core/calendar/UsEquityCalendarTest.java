package quantmini.core.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class UsEquityCalendarTest {
    @Test
    void the2024HolidaysAreTheExchangesOwnList() {
        List<LocalDate> holidays = List.of(
                LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 15), LocalDate.of(2024, 2, 19), LocalDate.of(2024, 3, 29),
                LocalDate.of(2024, 5, 27), LocalDate.of(2024, 6, 19), LocalDate.of(2024, 7, 4), LocalDate.of(2024, 9, 2),
                LocalDate.of(2024, 11, 28), LocalDate.of(2024, 12, 25));
        for (LocalDate holiday : holidays) {
            assertTrue(UsEquityCalendar.isHoliday(holiday), holiday.toString());
            assertFalse(UsEquityCalendar.isTradingDay(holiday), holiday.toString());
        }
        assertEquals(252, UsEquityCalendar.tradingDays(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31)).size());
        assertEquals(250, UsEquityCalendar.tradingDays(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31)).size());
    }

    @Test
    void weekendHolidaysAreObservedOnTheNearestWeekdayExceptNewYearOnSaturday() {
        assertFalse(UsEquityCalendar.isTradingDay(LocalDate.of(2020, 7, 3)), "July 4th 2020 fell on a Saturday");
        assertFalse(UsEquityCalendar.isTradingDay(LocalDate.of(2021, 12, 24)), "Christmas 2021 fell on a Saturday");
        assertFalse(UsEquityCalendar.isTradingDay(LocalDate.of(2022, 12, 26)), "Christmas 2022 fell on a Sunday");
        assertTrue(UsEquityCalendar.isTradingDay(LocalDate.of(2021, 12, 31)), "no close for a Saturday New Year");
        assertFalse(UsEquityCalendar.isTradingDay(LocalDate.of(2023, 1, 2)), "New Year 2023 fell on a Sunday");
        assertTrue(UsEquityCalendar.isTradingDay(LocalDate.of(2021, 6, 18)), "Juneteenth is a holiday from 2022 on");
        assertFalse(UsEquityCalendar.isTradingDay(LocalDate.of(2022, 6, 20)), "Juneteenth 2022 fell on a Sunday");
    }

    @Test
    void specialClosuresAreClosed() {
        assertFalse(UsEquityCalendar.isTradingDay(LocalDate.of(2012, 10, 29)), "Hurricane Sandy");
        assertFalse(UsEquityCalendar.isTradingDay(LocalDate.of(2018, 12, 5)), "President Bush's funeral");
        assertFalse(UsEquityCalendar.isTradingDay(LocalDate.of(2025, 1, 9)), "President Carter's funeral");
    }

    @Test
    void halfDaysCloseAt13() {
        assertEquals(LocalTime.of(13, 0), UsEquityCalendar.regularClose(LocalDate.of(2024, 11, 29)));
        assertEquals(LocalTime.of(13, 0), UsEquityCalendar.regularClose(LocalDate.of(2024, 12, 24)));
        assertEquals(LocalTime.of(13, 0), UsEquityCalendar.regularClose(LocalDate.of(2024, 7, 3)));
        assertEquals(LocalTime.of(16, 0), UsEquityCalendar.regularClose(LocalDate.of(2024, 7, 5)));
        assertFalse(UsEquityCalendar.isEarlyClose(LocalDate.of(2020, 7, 3)), "a holiday is no half day");
        assertThrows(IllegalArgumentException.class, () -> UsEquityCalendar.regularClose(LocalDate.of(2024, 7, 4)));
    }

    @Test
    void countsTradingDaysBackwards() {
        // Tue 2024-04-02 minus 2 trading days: Mon Apr 1, then Thu Mar 28 (Good Friday closed)
        assertEquals(LocalDate.of(2024, 3, 28), UsEquityCalendar.minusTradingDays(LocalDate.of(2024, 4, 2), 2));
        assertEquals(LocalDate.of(2024, 4, 2), UsEquityCalendar.minusTradingDays(LocalDate.of(2024, 4, 2), 0));
    }

    @Test
    void easterIsRightAcrossCenturies() {
        assertEquals(LocalDate.of(2000, 4, 23), UsEquityCalendar.easterSunday(2000));
        assertEquals(LocalDate.of(2024, 3, 31), UsEquityCalendar.easterSunday(2024));
        assertEquals(LocalDate.of(2038, 4, 25), UsEquityCalendar.easterSunday(2038));
    }
}
