package quantmini.qlib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import quantmini.core.DataType;
import quantmini.core.progress.ProgressListener;

/** A full stocks_daily build from bronze, read back value by value against the Parquet input. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GoldDailyBuildTest {
    private static final LocalDate FROM = LocalDate.of(2024, 3, 1);
    private static final LocalDate TO = LocalDate.of(2024, 4, 12);
    private static final LocalDate ONE_DAY = LocalDate.of(2024, 3, 20);

    @TempDir
    static Path temp;

    private TestLake lake;
    private Path tree;
    private GoldBuildSummary summary;

    @BeforeAll
    void buildOnce() throws Exception {
        lake = new TestLake(temp);
        lake.addBronze(DataType.STOCKS_DAILY, FROM, TO);
        lake.addOneDayTicker(DataType.STOCKS_DAILY, ONE_DAY, "AAPL", "ZZONE");
        summary = new GoldBuilder(lake.layout, GoldOptions.defaults())
                .build(DataType.STOCKS_DAILY, Optional.empty(), Optional.empty(), false, ProgressListener.NONE);
        tree = lake.layout.qlibRoot(DataType.STOCKS_DAILY);
    }

    @Test
    void everyValueEqualsTheParquetInputAfterFloat32Rounding() throws Exception {
        IndependentReader.Coverage coverage = IndependentReader.verify(lake.layout.bronzeRoot(DataType.STOCKS_DAILY), tree,
                false, false, List.of());
        assertEquals(summary.instruments(), coverage.tickers());
        assertTrue(coverage.values() > 8L * 60 * 25, "checked " + coverage.values());
        assertEquals(GoldBuildSummary.Mode.FULL, summary.mode());
        assertEquals(FieldSelection.BASE_FIELDS, summary.fields());
        assertEquals(summary.instruments() * 8L, summary.filesWritten());
    }

    @Test
    void calendarIsTheUnionOfTradingDates() throws Exception {
        List<String> calendar = Files.readAllLines(tree.resolve("calendars/day.txt"));
        List<String> expected = TestLake.tradingDays(FROM, TO).stream().map(LocalDate::toString).collect(Collectors.toList());
        assertEquals(expected, calendar);
        assertFalse(calendar.contains("2024-03-29"), "Good Friday is no trading day");
    }

    @Test
    void specialNamesGetTheirFolders() throws Exception {
        Map<String, String[]> all = instruments();
        assertTrue(Files.isDirectory(tree.resolve("features/_qlib_con")));
        assertTrue(all.containsKey("CON"), "all.txt lists CON unprefixed");
        assertTrue(Files.isDirectory(tree.resolve("features/_qlib_com1")));
        assertTrue(Files.isDirectory(tree.resolve("features/_qlib_lpt1")));
        assertTrue(Files.isDirectory(tree.resolve("features/brk.a")));
        assertTrue(all.containsKey("BRK.A"));
        assertTrue(all.containsKey("ALL_PB"));
        assertTrue(Files.isDirectory(tree.resolve("features/all_pb")));
        List<String> map = Files.readAllLines(tree.resolve("instruments/ticker_map.tsv"));
        assertTrue(map.contains("ADS_W\tADSw"), map.toString());
        assertTrue(map.contains("ALL_PB\tALLpB"), map.toString());
        assertFalse(map.stream().anyMatch(l -> l.startsWith("ADSW\t")), "unescaped names are not in the map");
    }

    @Test
    void caseTwinsStayApartAlsoOnACaseInsensitiveFileSystem() throws Exception {
        Map<String, String[]> all = instruments();
        assertTrue(all.containsKey("ADS_W") && all.containsKey("ADSW"));
        assertTrue(all.containsKey("AC_W") && all.containsKey("ACW"));
        float[] lower = TreeBytes.floats(tree.resolve("features/ads_w/close.day.bin"));
        float[] upper = TreeBytes.floats(tree.resolve("features/adsw/close.day.bin"));
        assertNotEquals(lower[lower.length - 1], upper[upper.length - 1], "the twins are two instruments");
        List<String> folders;
        try (Stream<Path> list = Files.list(tree.resolve("features"))) {
            folders = list.map(p -> p.getFileName().toString()).collect(Collectors.toList());
        }
        Set<String> folded = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        folded.addAll(folders);
        assertEquals(folders.size(), folded.size(), "no two folders differ only by case");
        assertEquals(all.size(), folders.size());
        for (String folder : folders) {
            assertEquals(folder.toLowerCase(java.util.Locale.ROOT), folder);
        }
        for (String instrument : all.keySet()) {
            assertEquals(instrument.toUpperCase(java.util.Locale.ROOT), instrument, "instruments are upper case");
        }
    }

    @Test
    void aSymbolWithOneDayHasOneValue() throws Exception {
        String[] span = instruments().get("ZZONE");
        assertEquals(ONE_DAY.toString(), span[1]);
        assertEquals(ONE_DAY.toString(), span[2]);
        float[] close = TreeBytes.floats(tree.resolve("features/zzone/close.day.bin"));
        assertEquals(2, close.length);
        List<String> calendar = Files.readAllLines(tree.resolve("calendars/day.txt"));
        assertEquals((float) calendar.indexOf(ONE_DAY.toString()), close[0]);
        assertTrue(Float.isNaN(TreeBytes.floats(tree.resolve("features/zzone/change.day.bin"))[1]), "no previous close");
    }

    @Test
    void aSymbolWithGapsHasNaNsAtItsMissingDates() throws Exception {
        List<String> calendar = Files.readAllLines(tree.resolve("calendars/day.txt"));
        int withGaps = 0;
        for (Map.Entry<String, String[]> instrument : instruments().entrySet()) {
            int first = calendar.indexOf(instrument.getValue()[1]);
            int last = calendar.indexOf(instrument.getValue()[2]);
            float[] close = TreeBytes.floats(tree.resolve("features").resolve(dirOf(instrument.getKey())).resolve("close.day.bin"));
            assertEquals(last - first + 2, close.length, instrument.getKey());
            assertFalse(Float.isNaN(close[1]), "first value is a row");
            assertFalse(Float.isNaN(close[close.length - 1]), "last value is a row");
            boolean gap = false;
            for (int i = 1; i < close.length; i++) {
                gap |= Float.isNaN(close[i]);
            }
            if (gap) {
                withGaps++;
                float[] change = TreeBytes.floats(tree.resolve("features").resolve(dirOf(instrument.getKey())).resolve("change.day.bin"));
                for (int i = 2; i < close.length; i++) {
                    if (Float.isNaN(close[i - 1]) && !Float.isNaN(close[i])) {
                        assertFalse(Float.isNaN(change[i]), "change after a gap uses the row before the gap");
                    }
                }
            }
        }
        assertTrue(withGaps > 0, "the fixture has tickers with gaps");
    }

    @Test
    void theValidatorFindsNothingWrong() {
        GoldValidationReport report = new GoldValidator(lake.layout, GoldOptions.defaults())
                .validate(DataType.STOCKS_DAILY, ProgressListener.NONE);
        assertEquals(List.of(), report.findings());
        assertTrue(report.isValid());
        assertEquals(summary.instruments(), report.instruments());
        assertEquals(summary.instruments() * 8L, report.filesChecked());
    }

    @Test
    void aSecondRunWithNothingNewTouchesNothing() throws Exception {
        Map<String, byte[]> before = TreeBytes.snapshot(tree);
        GoldBuildSummary again = new GoldBuilder(lake.layout, GoldOptions.defaults())
                .build(DataType.STOCKS_DAILY, Optional.empty(), Optional.empty(), false, ProgressListener.NONE);
        assertEquals(GoldBuildSummary.Mode.UP_TO_DATE, again.mode());
        assertEquals(0, again.filesWritten() + again.filesAppended());
        assertSameTree(before, TreeBytes.snapshot(tree));
    }

    @Test
    void readingInTickerRangesGivesTheSameTree() throws Exception {
        Map<String, byte[]> before = TreeBytes.snapshot(tree);
        GoldBuilder chunked = new GoldBuilder(lake.layout, GoldOptions.defaults(),
                type -> new ParquetGoldInput(lake.layout.bronzeRoot(type), "bronze", Optional.of(lake.layout.spillRoot()), 97),
                WriteHook.NONE);
        GoldBuildSummary rebuilt = chunked.build(DataType.STOCKS_DAILY, Optional.empty(), Optional.empty(), true, ProgressListener.NONE);
        assertEquals(summary.rowsRead(), rebuilt.rowsRead());
        assertSameTree(before, TreeBytes.snapshot(tree));
    }

    @Test
    void progressCountsEveryTickerOnceAgainstTheAnnouncedTotal() {
        List<String> events = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.atomic.AtomicLong rows = new java.util.concurrent.atomic.AtomicLong();
        ProgressListener recorder = new ProgressListener() {
            @Override
            public void started(String task, long totalUnits, long totalBytes) {
                events.add("started " + task + " " + totalUnits);
            }

            @Override
            public void rowsDone(long count) {
                rows.addAndGet(count);
            }

            @Override
            public void unitDone(String unit, boolean succeeded) {
                events.add("unit");
            }

            @Override
            public void finished() {
                events.add("finished");
            }
        };
        GoldBuildSummary rebuilt = new GoldBuilder(lake.layout, GoldOptions.defaults())
                .build(DataType.STOCKS_DAILY, Optional.empty(), Optional.empty(), true, recorder);
        assertEquals("started qlib stocks_daily full " + rebuilt.instruments(), events.get(0));
        assertEquals(rebuilt.instruments(), events.stream().filter("unit"::equals).count());
        assertEquals("finished", events.get(events.size() - 1));
        assertEquals(rebuilt.rowsRead(), rows.get());
    }

    private Map<String, String[]> instruments() throws Exception {
        Map<String, String[]> all = new HashMap<>();
        for (String line : Files.readAllLines(tree.resolve("instruments/all.txt"), StandardCharsets.UTF_8)) {
            String[] parts = line.split("\t");
            assertEquals(3, parts.length, line);
            all.put(parts[0], parts);
        }
        return all;
    }

    private static String dirOf(String instrument) {
        String file = instrument.matches("CON|PRN|AUX|NUL|COM[0-9]|LPT[0-9]") ? "_qlib_" + instrument : instrument;
        return file.toLowerCase(java.util.Locale.ROOT);
    }

    static void assertSameTree(Map<String, byte[]> expected, Map<String, byte[]> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        List<String> different = new ArrayList<>();
        for (String file : expected.keySet()) {
            if (!java.util.Arrays.equals(expected.get(file), actual.get(file))) {
                different.add(file);
            }
        }
        assertEquals(List.of(), different, "files with other bytes");
    }
}
