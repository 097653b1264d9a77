package quantmini.qlib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quantmini.core.DataType;
import quantmini.core.config.MinuteSession;
import quantmini.core.progress.ProgressListener;

/** stocks_minute across Thanksgiving 2024: a holiday, then a half day that closes at 13:00. */
class GoldMinuteTest {
    private static final DataType TYPE = DataType.STOCKS_MINUTE;
    private static final LocalDate FROM = LocalDate.of(2024, 11, 26);
    private static final LocalDate TO = LocalDate.of(2024, 12, 3);

    @TempDir
    Path temp;

    @Test
    void regularSessionCalendarValuesAndDailyUpdates() throws Exception {
        TestLake lake = new TestLake(temp);
        List<LocalDate> dates = lake.addBronze(TYPE, FROM, TO);
        assertEquals(List.of(LocalDate.of(2024, 11, 26), LocalDate.of(2024, 11, 27), LocalDate.of(2024, 11, 29),
                LocalDate.of(2024, 12, 2), LocalDate.of(2024, 12, 3)), dates);
        GoldBuilder builder = new GoldBuilder(lake.layout, GoldOptions.defaults());
        builder.build(TYPE, Optional.empty(), Optional.of(dates.get(0)), false, ProgressListener.NONE);
        long outside = 0;
        for (int d = 1; d < dates.size(); d++) {
            GoldBuildSummary update = builder.build(TYPE, Optional.empty(), Optional.of(dates.get(d)), false, ProgressListener.NONE);
            assertEquals(GoldBuildSummary.Mode.APPEND, update.mode(), update.describe());
            outside += update.rowsOutsideCalendar();
        }
        Path tree = lake.layout.qlibRoot(TYPE);
        List<String> calendar = Files.readAllLines(tree.resolve("calendars/1min.txt"));
        assertEquals(4 * 390 + 210, calendar.size());
        assertEquals("2024-11-26 09:30:00", calendar.get(0));
        assertEquals("2024-11-26 15:59:00", calendar.get(389));
        int halfDay = calendar.indexOf("2024-11-29 09:30:00");
        assertEquals(2 * 390, halfDay);
        assertEquals("2024-11-29 12:59:00", calendar.get(halfDay + 209));
        assertEquals("2024-12-02 09:30:00", calendar.get(halfDay + 210));
        assertTrue(calendar.stream().noneMatch(e -> e.startsWith("2024-11-28")), "Thanksgiving has no entries");

        IndependentReader.Coverage coverage = IndependentReader.verify(lake.layout.bronzeRoot(TYPE), tree, true, false, List.of());
        assertTrue(coverage.values() > 100_000, "checked " + coverage.values());
        assertTrue(coverage.rowsOutsideCalendar() > 0, "pre- and post-market bars are left out of the regular calendar");
        Map<String, byte[]> incremental = TreeBytes.snapshot(tree);
        GoldBuildSummary full = builder.build(TYPE, Optional.empty(), Optional.empty(), true, ProgressListener.NONE);
        assertEquals(coverage.rowsOutsideCalendar(), full.rowsOutsideCalendar());
        assertTrue(outside < full.rowsOutsideCalendar(), "the first day's are counted by the first build");
        GoldDailyBuildTest.assertSameTree(TreeBytes.snapshot(tree), incremental);
        assertTrue(new GoldValidator(lake.layout, GoldOptions.defaults()).validate(TYPE, ProgressListener.NONE).isValid());
    }

    @Test
    void extendedSessionCalendarHoldsPreAndPostMarket() throws Exception {
        TestLake lake = new TestLake(temp);
        lake.addBronze(TYPE, LocalDate.of(2024, 11, 29), LocalDate.of(2024, 12, 2));
        GoldOptions extended = GoldOptions.defaults().withMinuteSession(MinuteSession.EXTENDED);
        GoldBuildSummary summary = new GoldBuilder(lake.layout, extended)
                .build(TYPE, Optional.empty(), Optional.empty(), false, ProgressListener.NONE);
        Path tree = lake.layout.qlibRoot(TYPE);
        List<String> calendar = Files.readAllLines(tree.resolve("calendars/1min.txt"));
        assertEquals(2 * 960, calendar.size());
        assertEquals("2024-11-29 04:00:00", calendar.get(0));
        assertEquals("2024-12-02 19:59:00", calendar.get(calendar.size() - 1));
        IndependentReader.Coverage coverage = IndependentReader.verify(lake.layout.bronzeRoot(TYPE), tree, true, false, List.of());
        assertEquals(0, coverage.rowsOutsideCalendar());
        assertEquals(0, summary.rowsOutsideCalendar());
        assertTrue(new GoldValidator(lake.layout, extended).validate(TYPE, ProgressListener.NONE).isValid());

        GoldBuildSummary regular = new GoldBuilder(lake.layout, GoldOptions.defaults())
                .build(TYPE, Optional.empty(), Optional.empty(), false, ProgressListener.NONE);
        assertEquals(GoldBuildSummary.Mode.REBUILD, regular.mode(), "another session rebuilds, also without new dates");
        assertEquals(2 * 390 - 180, Files.readAllLines(tree.resolve("calendars/1min.txt")).size());
        List<GoldFinding> findings = new GoldValidator(lake.layout, extended).validate(TYPE, ProgressListener.NONE).findings();
        assertEquals(GoldFinding.Kind.CALENDAR, findings.get(0).kind(), "the validator notices the other session");
    }
}
