package quantmini.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quantmini.storage.DuckDb;

class CompactCommandTest {
    @TempDir
    Path temp;

    @Test
    void compactsClosedMonthsWithoutChangingWhatReadersSee() throws Exception {
        Path data = temp.resolve("data");
        CliRunner cli = CliRunner.forLake(temp.resolve("config"), data);
        CliRunner.Result demo = cli.run("demo", "--from", "2024-02-20", "--to", "2024-03-08", "--tickers", "20");
        assertEquals(0, demo.exitCode(), demo.out() + demo.err());
        Path stocks = data.resolve("bronze/stocks_daily");
        Path options = data.resolve("bronze/options_daily");
        Path febStocks = stocks.resolve("year=2024/month=02");
        Path febOptions = options.resolve("year=2024/month=02");
        long stockDays = dayFiles(febStocks);
        assertTrue(stockDays >= 5, "february day files: " + stockDays);
        snapshot("compact_stocks_before", stocks);
        snapshot("compact_options_before", options);

        CliRunner.Result compact = cli.run("compact", "--before", "2024-03");
        assertEquals(0, compact.exitCode(), compact.out() + compact.err());
        assertTrue(compact.out().contains("compact: 2 months compacted before 2024-03"), compact.out());
        assertTrue(Files.isRegularFile(febStocks.resolve("month.parquet")));
        assertTrue(Files.isRegularFile(febOptions.resolve("month.parquet")));
        assertEquals(0, dayFiles(febStocks));
        assertEquals(0, dayFiles(febOptions));
        assertFalse(Files.exists(stocks.resolve("year=2024/month=03/month.parquet")), "march is not before 2024-03");
        assertSame("compact_stocks_before", stocks);
        assertSame("compact_options_before", options);

        CliRunner.Result again = cli.run("compact", "--before", "2024-03");
        assertEquals(0, again.exitCode(), again.err());
        assertTrue(again.out().contains("compact: 0 months compacted"), again.out());

        // a re-ingested day moves from month.parquet back into its day file, once
        CliRunner.Result ingest = cli.run("ingest", "--data-types", "stocks_daily,options_daily", "--from", "2024-02-21", "--to", "2024-02-21");
        assertEquals(0, ingest.exitCode(), ingest.out() + ingest.err());
        assertTrue(Files.isRegularFile(febStocks.resolve("2024-02-21.parquet")));
        assertSame("compact_stocks_before", stocks);
        assertSame("compact_options_before", options);
        // a compaction killed after moving the day out, before renaming the month file in
        Path work = Files.createDirectories(febStocks.resolve(".compacting"));
        Files.copy(febStocks.resolve("month.parquet"), work.resolve("month.parquet.ready"));
        Files.move(febStocks.resolve("2024-02-21.parquet"), work.resolve("2024-02-21.parquet.merged"));
        CliRunner.Result remerge = cli.run("compact", "--data-types", "stocks_daily", "--before", "2024-03");
        assertTrue(remerge.out().contains("compact: 1 months compacted before 2024-03, 2 files merged"), remerge.out());
        assertEquals(0, dayFiles(febStocks));
        assertFalse(Files.exists(work));
        assertSame("compact_stocks_before", stocks);

        CliRunner.Result features = cli.run("features", "--from", "2024-02-20", "--to", "2024-03-08", "--full");
        assertEquals(0, features.exitCode(), features.out() + features.err());
        CliRunner.Result qlib = cli.run("qlib", "--full");
        assertEquals(0, qlib.exitCode(), qlib.out() + qlib.err());
        CliRunner.Result validate = cli.run("validate", "--layer", "gold");
        assertEquals(0, validate.exitCode(), validate.out() + validate.err());
        // features and qlib still have all the rows: the silver and the bronze of stocks agree
        assertEquals(count(stocks), count(data.resolve("silver/stocks_daily")));
    }

    @Test
    void minuteTypesAndSilverAreUsageErrors() {
        CliRunner cli = CliRunner.forLake(temp.resolve("config"), temp.resolve("data"));
        assertEquals(2, cli.run("compact", "--data-types", "stocks_minute").exitCode());
        assertEquals(2, cli.run("compact", "--layers", "silver").exitCode());
        CliRunner.Result empty = cli.run("compact");
        assertEquals(0, empty.exitCode(), empty.err());
        assertTrue(empty.out().contains("compact: 0 months compacted"), empty.out());
    }

    private static long dayFiles(Path partition) throws Exception {
        try (Stream<Path> files = Files.list(partition)) {
            return files.filter(p -> p.getFileName().toString().matches("\\d{4}-\\d{2}-\\d{2}\\.parquet")).count();
        }
    }

    static String glob(Path root) {
        return "read_parquet(" + DuckDb.literal(root.resolve("*/*/*.parquet")) + ", hive_partitioning = false)";
    }

    static void snapshot(String table, Path root) throws Exception {
        try (Connection c = DuckDb.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE OR REPLACE TABLE " + table + " AS SELECT * FROM " + glob(root));
        }
    }

    /** The layer holds exactly the snapshot's rows, duplicates counted. */
    static void assertSame(String table, Path root) throws Exception {
        try (Connection c = DuckDb.connect(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT (SELECT count(*) FROM (SELECT * FROM " + table + " EXCEPT ALL SELECT * FROM " + glob(root)
                        + ")), (SELECT count(*) FROM (SELECT * FROM " + glob(root) + " EXCEPT ALL SELECT * FROM " + table + ")),"
                        + " (SELECT count(*) FROM " + table + ")")) {
            r.next();
            assertEquals(0, r.getLong(1), "rows lost from " + root);
            assertEquals(0, r.getLong(2), "rows added to " + root);
            assertTrue(r.getLong(3) > 0);
        }
    }

    static long count(Path root) throws Exception {
        try (Connection c = DuckDb.connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT count(*) FROM " + glob(root))) {
            r.next();
            return r.getLong(1);
        }
    }
}
