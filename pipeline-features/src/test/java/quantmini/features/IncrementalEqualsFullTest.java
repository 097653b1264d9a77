package quantmini.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quantmini.core.DataType;
import quantmini.core.progress.ProgressListener;
import quantmini.storage.LakeLayout;

/**
 * Silver written by incremental runs (reading only their lookback, in batches) holds exactly the
 * values of one full recomputation, compared with DuckDB EXCEPT both ways.
 */
class IncrementalEqualsFullTest {
    private static final List<LocalDate> DAYS = TestLake.DAYS;

    @TempDir
    static Path temp;

    static TestLake lake;
    static LakeLayout full;

    @BeforeAll
    static void buildFull() throws Exception {
        lake = TestLake.generate(temp.resolve("source"));
        full = lake.copyBronzeTo(temp.resolve("full"));
        SilverBuildSummary summary = builder(full, 64).build(DataType.STOCKS_DAILY, DAYS.get(0), TestLake.LAST, true,
                ProgressListener.NONE);
        assertTrue(summary.succeeded(), summary.failures().toString());
        assertEquals(60, summary.datesWritten().size());
    }

    private static SilverBuilder builder(LakeLayout layout, int datesPerBatch) {
        return new SilverBuilder(layout, StandardFeatures.registry(), TestLake.LIMITS,
                SilverOptions.defaults().withDatesPerBatch(datesPerBatch));
    }

    private static SilverBuildSummary incremental(LakeLayout layout, int datesPerBatch, int fromIndex, int toIndex) {
        SilverBuildSummary summary = builder(layout, datesPerBatch).build(DataType.STOCKS_DAILY, DAYS.get(fromIndex),
                DAYS.get(toIndex), false, ProgressListener.NONE);
        assertTrue(summary.succeeded(), summary.failures().toString());
        return summary;
    }

    static void assertSameSilver(LakeLayout expected, LakeLayout actual) {
        String a = "read_parquet('" + expected.silverRoot(DataType.STOCKS_DAILY) + "/**/*.parquet', hive_partitioning = false)";
        String b = "read_parquet('" + actual.silverRoot(DataType.STOCKS_DAILY) + "/**/*.parquet', hive_partitioning = false)";
        assertEquals(TestLake.count("SELECT count(*) FROM " + a), TestLake.count("SELECT count(*) FROM " + b));
        StringBuilder differences = new StringBuilder();
        for (Feature feature : StandardFeatures.registry().features(DataType.STOCKS_DAILY)) {
            String f = feature.name();
            long n = TestLake.count("SELECT count(*) FROM " + a + " x JOIN " + b + " y USING (ticker, date) WHERE x." + f
                    + " IS DISTINCT FROM y." + f);
            if (n > 0) {
                TestLake.query("SELECT ticker, date, x." + f + " AS full_value, y." + f + " AS other FROM " + a + " x JOIN " + b
                        + " y USING (ticker, date) WHERE x." + f + " IS DISTINCT FROM y." + f + " LIMIT 1",
                        row -> differences.append(f).append(": ").append(n).append(" rows, e.g. ").append(row).append('\n'));
            }
        }
        assertEquals("", differences.toString(), "features that differ");
        assertEquals(0, TestLake.count("SELECT count(*) FROM (SELECT * FROM " + a + " EXCEPT ALL SELECT * FROM " + b + ")"),
                "rows of the full build missing from the incremental one");
        assertEquals(0, TestLake.count("SELECT count(*) FROM (SELECT * FROM " + b + " EXCEPT ALL SELECT * FROM " + a + ")"),
                "rows of the incremental build missing from the full one");
        for (LocalDate date : DAYS) {
            assertTrue(Files.isRegularFile(actual.silverFile(DataType.STOCKS_DAILY, date)), date.toString());
        }
    }

    @Test
    void fortyThenTwentyDaysEqualSixtyAtOnce() throws Exception {
        LakeLayout twoRuns = lake.copyBronzeTo(temp.resolve("40+20"));
        assertEquals(40, incremental(twoRuns, 7, 0, 39).datesWritten().size());
        SilverBuildSummary second = incremental(twoRuns, 7, 40, 59);
        assertEquals(DAYS.subList(40, 60), second.datesWritten());
        assertSameSilver(full, twoRuns);
    }

    /**
     * Starting at day 52, the incremental span (35 bronze dates) leaves out days 0-16; a symbol
     * with a relisting gap has fewer than 20 rows in the span, and its history must be topped up
     * from the older files for the values to match.
     */
    @Test
    void symbolsShortOfHistoryInTheSpanReadOlderFiles() throws Exception {
        Map<String, List<TestLake.Bar>> history = lake.history(DataType.STOCKS_DAILY, DAYS);
        LocalDate first = DAYS.get(52);
        LocalDate spanStart = DAYS.get(52 - SilverEngine.spanDates(20));
        long needy = history.values().stream()
                .filter(bars -> bars.stream().anyMatch(b -> !b.date().isBefore(first)))
                .filter(bars -> bars.stream().anyMatch(b -> b.date().isBefore(spanStart)))
                .filter(bars -> bars.stream().filter(b -> !b.date().isBefore(spanStart) && b.date().isBefore(first)).count() < 20)
                .count();
        assertTrue(needy > 0, "the fixture has a symbol whose lookback reaches before the span");

        LakeLayout twoRuns = lake.copyBronzeTo(temp.resolve("52+8"));
        incremental(twoRuns, 64, 0, 51);
        incremental(twoRuns, 64, 52, 59);
        assertSameSilver(full, twoRuns);
    }

    @Test
    void compactedMonthFilesGiveTheSameSilver() throws Exception {
        LakeLayout compacted = lake.copyBronzeTo(temp.resolve("compacted"));
        Path root = compacted.bronzeRoot(DataType.STOCKS_DAILY);
        List<Path> partitions;
        try (Stream<Path> walk = Files.walk(root, 2)) {
            partitions = walk.filter(p -> p.getFileName().toString().startsWith("month=")).toList();
        }
        for (Path partition : partitions.subList(0, partitions.size() - 1)) {
            TestLake.query("COPY (SELECT * FROM read_parquet('" + partition + "/*.parquet', hive_partitioning = false) ORDER BY date, "
                    + "ticker) TO '" + partition.resolve("month.parquet") + "' (FORMAT parquet)", row -> { });
            try (Stream<Path> files = Files.list(partition)) {
                for (Path file : files.filter(f -> !f.getFileName().toString().equals("month.parquet")).toList()) {
                    Files.delete(file);
                }
            }
        }
        incremental(compacted, 16, 0, 59);
        assertSameSilver(full, compacted);
    }

    @Test
    void anUpToDateRangeIsLeftAloneAndAChangedBronzeDayRedoesItsDependents() throws Exception {
        LakeLayout layout = lake.copyBronzeTo(temp.resolve("stale"));
        incremental(layout, 64, 0, 59);
        SilverBuildSummary again = incremental(layout, 64, 0, 59);
        assertEquals(List.of(), again.datesWritten());
        assertEquals(60, again.datesUpToDate());

        Path republished = layout.bronzeFile(DataType.STOCKS_DAILY, DAYS.get(30));
        Files.setLastModifiedTime(republished, FileTime.from(Instant.now().plusSeconds(60)));
        SilverBuildSummary redo = incremental(layout, 64, 0, 59);
        assertEquals(DAYS.subList(30, 51), redo.datesWritten(), "the day and the 20 dates whose lookback holds it");
        assertSameSilver(full, layout);
    }
}
