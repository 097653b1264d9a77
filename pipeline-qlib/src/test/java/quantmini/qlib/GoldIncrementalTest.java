package quantmini.qlib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quantmini.core.DataType;
import quantmini.core.progress.ProgressListener;

/** Updates day by day give the bytes of a full build; late and changed dates rebuild. */
class GoldIncrementalTest {
    private static final DataType TYPE = DataType.STOCKS_DAILY;
    private static final LocalDate FROM = LocalDate.of(2024, 5, 1);
    private static final LocalDate TO = LocalDate.of(2024, 6, 14);

    @TempDir
    Path temp;

    @Test
    void dailyUpdatesGiveTheBytesOfAFullBuild() throws Exception {
        TestLake lake = new TestLake(temp);
        List<LocalDate> dates = lake.addBronze(TYPE, FROM, TO);
        GoldBuilder builder = new GoldBuilder(lake.layout, GoldOptions.defaults());
        Path tree = lake.layout.qlibRoot(TYPE);

        GoldBuildSummary first = builder.build(TYPE, Optional.empty(), Optional.of(dates.get(0)), false, ProgressListener.NONE);
        assertEquals(GoldBuildSummary.Mode.FULL, first.mode());
        Map<Integer, Long> tickersPerDay = tickersPerDay(lake, dates);
        for (int d = 1; d < dates.size(); d++) {
            Map<String, FileTime> before = modifiedTimes(tree);
            GoldBuildSummary update = builder.build(TYPE, Optional.empty(), Optional.of(dates.get(d)), false, ProgressListener.NONE);
            assertEquals(GoldBuildSummary.Mode.APPEND, update.mode(), update.describe());
            assertEquals(1, update.newDates());
            assertEquals(d + 1, update.calendarDates(), "the calendar grows by the update");
            assertEquals((long) tickersPerDay.get(d), update.instrumentsTouched(), "only the day's instruments are touched");
            assertEquals(8L * update.instrumentsTouched(), update.filesAppended() + update.filesWritten());
            assertUntouchedOutsideUpdate(tree, before, update);
        }
        Map<String, byte[]> incremental = TreeBytes.snapshot(tree);
        List<String> all = Files.readAllLines(tree.resolve("instruments/all.txt"));
        assertTrue(all.stream().anyMatch(l -> !l.split("\t")[1].equals(dates.get(0).toString())), "an instrument appears later");
        assertTrue(all.stream().anyMatch(l -> !l.split("\t")[2].equals(dates.get(dates.size() - 1).toString())), "an instrument stops");
        assertEquals(dates.stream().map(LocalDate::toString).toList(), Files.readAllLines(tree.resolve("calendars/day.txt")));

        GoldBuildSummary full = builder.build(TYPE, Optional.empty(), Optional.empty(), true, ProgressListener.NONE);
        assertEquals(GoldBuildSummary.Mode.FULL, full.mode());
        GoldDailyBuildTest.assertSameTree(TreeBytes.snapshot(tree), incremental);
        IndependentReader.verify(lake.layout.bronzeRoot(TYPE), tree, false, false, List.of());
        assertTrue(new GoldValidator(lake.layout, GoldOptions.defaults()).validate(TYPE, ProgressListener.NONE).isValid());
    }

    @Test
    void aDateBeforeTheTreesEndRebuildsInsteadOfAppending() throws Exception {
        TestLake lake = new TestLake(temp);
        List<LocalDate> dates = lake.addBronze(TYPE, FROM, LocalDate.of(2024, 5, 24));
        Path late = lake.layout.bronzeFile(TYPE, dates.get(5));
        Path aside = temp.resolve("aside.parquet");
        Files.move(late, aside);
        GoldBuilder builder = new GoldBuilder(lake.layout, GoldOptions.defaults());
        builder.build(TYPE, Optional.empty(), Optional.empty(), false, ProgressListener.NONE);
        Files.move(aside, late, StandardCopyOption.ATOMIC_MOVE);

        GoldBuildSummary update = builder.build(TYPE, Optional.empty(), Optional.empty(), false, ProgressListener.NONE);
        assertEquals(GoldBuildSummary.Mode.REBUILD, update.mode());
        assertTrue(update.reason().contains(dates.get(5).toString()), update.reason());
        assertEquals(dates.size(), update.calendarDates());
        assertRebuildEqualsFull(lake, builder);
    }

    @Test
    void aRepublishedPastDateRebuilds() throws Exception {
        TestLake lake = new TestLake(temp);
        List<LocalDate> dates = lake.addBronze(TYPE, FROM, LocalDate.of(2024, 5, 24));
        GoldBuilder builder = new GoldBuilder(lake.layout, GoldOptions.defaults());
        builder.build(TYPE, Optional.empty(), Optional.empty(), false, ProgressListener.NONE);
        lake.republish(TYPE, dates.get(3));
        Files.setLastModifiedTime(lake.layout.bronzeFile(TYPE, dates.get(3)), FileTime.fromMillis(System.currentTimeMillis() + 5_000));

        GoldBuildSummary update = builder.build(TYPE, Optional.empty(), Optional.empty(), false, ProgressListener.NONE);
        assertEquals(GoldBuildSummary.Mode.REBUILD, update.mode());
        assertTrue(update.reason().contains("changed"), update.reason());
        IndependentReader.verify(lake.layout.bronzeRoot(TYPE), lake.layout.qlibRoot(TYPE), false, false, List.of());
        assertRebuildEqualsFull(lake, builder);
    }

    @Test
    void anInstrumentThatReappearsAfterAGapGetsNaNsForTheGap() throws Exception {
        TestLake lake = new TestLake(temp);
        List<LocalDate> dates = lake.addBronze(TYPE, FROM, LocalDate.of(2024, 5, 10));
        // ZZGAP trades on the first date and the last only: the update appends NaNs, then its row.
        lake.addOneDayTicker(TYPE, dates.get(0), "AAPL", "ZZGAP");
        lake.addOneDayTicker(TYPE, dates.get(dates.size() - 1), "AAPL", "ZZGAP");
        GoldBuilder builder = new GoldBuilder(lake.layout, GoldOptions.defaults());
        builder.build(TYPE, Optional.empty(), Optional.of(dates.get(dates.size() - 2)), false, ProgressListener.NONE);
        Path close = lake.layout.qlibRoot(TYPE).resolve("features/zzgap/close.day.bin");
        assertEquals(2, TreeBytes.floats(close).length, "stopped after its first day");
        GoldBuildSummary update = builder.build(TYPE, Optional.empty(), Optional.empty(), false, ProgressListener.NONE);
        assertEquals(GoldBuildSummary.Mode.APPEND, update.mode());
        float[] values = TreeBytes.floats(close);
        assertEquals(dates.size() + 1, values.length);
        for (int i = 2; i < values.length - 1; i++) {
            assertTrue(Float.isNaN(values[i]), "gap at " + i);
        }
        float[] change = TreeBytes.floats(lake.layout.qlibRoot(TYPE).resolve("features/zzgap/change.day.bin"));
        assertEquals((float) 0.0, change[change.length - 1], 0.2f, "change spans the gap");
        IndependentReader.verify(lake.layout.bronzeRoot(TYPE), lake.layout.qlibRoot(TYPE), false, false, List.of());
    }

    private static void assertRebuildEqualsFull(TestLake lake, GoldBuilder builder) throws Exception {
        Path tree = lake.layout.qlibRoot(TYPE);
        Map<String, byte[]> updated = TreeBytes.snapshot(tree);
        builder.build(TYPE, Optional.empty(), Optional.empty(), true, ProgressListener.NONE);
        GoldDailyBuildTest.assertSameTree(TreeBytes.snapshot(tree), updated);
    }

    private static Map<Integer, Long> tickersPerDay(TestLake lake, List<LocalDate> dates) throws Exception {
        Map<Integer, Long> counts = new HashMap<>();
        for (int d = 0; d < dates.size(); d++) {
            ParquetGoldInput input = new ParquetGoldInput(lake.layout.bronzeRoot(TYPE), "bronze");
            LocalDate date = dates.get(d);
            counts.put(d, (long) input.tickers(input.days().stream().filter(x -> x.date().equals(date)).toList()).size());
        }
        return counts;
    }

    private static Map<String, FileTime> modifiedTimes(Path tree) throws Exception {
        Map<String, FileTime> times = new HashMap<>();
        try (var walk = Files.walk(tree.resolve("features"))) {
            for (Path file : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                times.put(tree.relativize(file).toString(), Files.getLastModifiedTime(file));
            }
        }
        return times;
    }

    /** Files whose size did not change were not rewritten. */
    private static void assertUntouchedOutsideUpdate(Path tree, Map<String, FileTime> before, GoldBuildSummary update) throws Exception {
        long changed = 0;
        for (Map.Entry<String, FileTime> file : modifiedTimes(tree).entrySet()) {
            FileTime old = before.get(file.getKey());
            if (old == null || !old.equals(file.getValue())) {
                changed++;
            }
        }
        assertTrue(changed <= update.filesAppended() + update.filesWritten(),
                changed + " files changed, the update reports " + (update.filesAppended() + update.filesWritten()));
    }
}
