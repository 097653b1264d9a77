package quantmini.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MonthCompactorTest {
    @TempDir
    Path temp;

    private Path partition() throws IOException {
        return Files.createDirectories(temp.resolve("bronze/stocks_daily/year=2024/month=02"));
    }

    /** A day file of {@code rows} rows, sorted by ticker, with a value that marks its version. */
    private static void writeDay(Path partition, String date, int rows, double version) throws Exception {
        try (Connection c = DuckDb.connect(); Statement s = c.createStatement()) {
            s.execute("COPY (SELECT DATE '" + date + "' AS date, 'T' || lpad(i::VARCHAR, 3, '0') AS ticker, " + version
                    + " + i AS close FROM range(" + rows + ") t(i) ORDER BY ticker) TO "
                    + DuckDb.literal(partition.resolve(date + ".parquet")) + " (FORMAT PARQUET)");
        }
    }

    /** What a reader globbing the partition sees: rows per date, sum of close. */
    private static List<String> seen(Path partition) throws Exception {
        try (java.util.stream.Stream<Path> files = Files.list(partition)) {
            if (files.noneMatch(f -> f.getFileName().toString().endsWith(".parquet"))) {
                return List.of(); // between moving the days out and renaming the month in
            }
        }
        try (Connection c = DuckDb.connect(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT date, count(*), sum(close), count(DISTINCT ticker) FROM read_parquet("
                        + DuckDb.literal(partition.getParent().getParent().resolve("*/*/*.parquet"))
                        + ", hive_partitioning = false) GROUP BY date ORDER BY date")) {
            java.util.ArrayList<String> rows = new java.util.ArrayList<>();
            while (r.next()) {
                rows.add(r.getString(1) + " " + r.getLong(2) + " " + r.getDouble(3) + " " + r.getLong(4));
            }
            return rows;
        }
    }

    private Path threeDays() throws Exception {
        Path partition = partition();
        writeDay(partition, "2024-02-01", 5, 100);
        writeDay(partition, "2024-02-02", 7, 200);
        writeDay(partition, "2024-02-05", 3, 300);
        return partition;
    }

    @Test
    void mergesTheDaysIntoMonthParquetInTheirStoredOrder() throws Exception {
        Path partition = threeDays();
        List<String> before = seen(partition);
        List<MonthCompaction> done = new MonthCompactor().compactLayer(temp.resolve("bronze/stocks_daily"), YearMonth.of(2024, 3));
        assertEquals(1, done.size());
        assertEquals(3, done.get(0).filesMerged());
        assertEquals(15, done.get(0).rows());
        assertEquals(before, seen(partition));
        assertEquals(List.of(partition.resolve("month.parquet")), List.of(Files.list(partition).toArray(Path[]::new)));
        try (Connection c = DuckDb.connect(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FROM (SELECT date, ticker, row_number() OVER () AS n, "
                        + "row_number() OVER (ORDER BY date, ticker) AS m FROM read_parquet("
                        + DuckDb.literal(partition.resolve("month.parquet")) + ")) WHERE n <> m")) {
            r.next();
            assertEquals(0, r.getLong(1), "rows kept in date, then stored order");
        }
        assertTrue(new MonthCompactor().compactLayer(temp.resolve("bronze/stocks_daily"), YearMonth.of(2024, 3)).isEmpty(), "a rerun is a no-op");
    }

    @Test
    void leavesOpenMonthsAlone() throws Exception {
        threeDays();
        assertTrue(new MonthCompactor().compactLayer(temp.resolve("bronze/stocks_daily"), YearMonth.of(2024, 2)).isEmpty());
        assertEquals(3, MonthCompactor.dayFiles(partition()).size());
    }

    @Test
    void aMonthWithNewDayFilesIsMergedAgain() throws Exception {
        Path partition = threeDays();
        MonthCompactor compactor = new MonthCompactor();
        compactor.compactMonth(partition);
        writeDay(partition, "2024-02-06", 4, 400);
        List<String> before = seen(partition);
        MonthCompaction again = compactor.compactMonth(partition).orElseThrow();
        assertEquals(2, again.filesMerged());
        assertEquals(19, again.rows());
        assertEquals(before, seen(partition));
        assertEquals(List.of(), MonthCompactor.dayFiles(partition));
    }

    @ParameterizedTest
    @EnumSource(MonthCompactor.Step.class)
    void aRunKilledAfterAnyStepIsRepairedByTheNext(MonthCompactor.Step killedAt) throws Exception {
        Path partition = threeDays();
        List<String> before = seen(partition);
        MonthCompactor killed = new MonthCompactor((step, p) -> {
            if (step == killedAt) {
                throw new IOException("killed after " + step);
            }
        });
        assertThrows(IOException.class, () -> killed.compactMonth(partition));
        // whatever a reader sees meanwhile, it never sees a row twice
        for (String line : seen(partition)) {
            String[] parts = line.split(" ");
            assertEquals(parts[1], parts[3], "a day's rows appear once: " + line);
        }
        assertTrue(MonthCompactor.interrupted(partition));
        new MonthCompactor().compactLayer(temp.resolve("bronze/stocks_daily"), YearMonth.of(2024, 3));
        assertFalse(MonthCompactor.interrupted(partition));
        assertEquals(before, seen(partition));
        assertEquals(List.of(), MonthCompactor.dayFiles(partition));
        assertTrue(Files.isRegularFile(partition.resolve("month.parquet")));
    }

    @Test
    void aDayIngestedAgainAfterAKilledRunKeepsItsNewRows() throws Exception {
        Path partition = threeDays();
        MonthCompactor killed = new MonthCompactor((step, p) -> {
            if (step == MonthCompactor.Step.DAYS_MOVED) {
                throw new IOException("killed");
            }
        });
        assertThrows(IOException.class, () -> killed.compactMonth(partition));
        writeDay(partition, "2024-02-02", 6, 900);
        List<String> expected = List.of("2024-02-01 5 510.0 5", "2024-02-02 6 5415.0 6", "2024-02-05 3 903.0 3");
        new MonthCompactor().compactMonth(partition);
        assertEquals(expected, seen(partition));
    }
}
