package quantmini.features;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quantmini.core.DataType;
import quantmini.core.calendar.UsEquityCalendar;
import quantmini.core.config.IngestMode;
import quantmini.core.profile.ResourceLimits;
import quantmini.core.progress.ProgressListener;
import quantmini.fixtures.BronzeParquetFixture;
import quantmini.fixtures.FixtureSpec;
import quantmini.fixtures.FlatFileGenerator;
import quantmini.fixtures.GeneratedFile;
import quantmini.storage.LakeLayout;

/**
 * Silver build speed against DuckDB merely reading the same bronze, in the same run: 5,000
 * tickers x 250 days of stocks_daily, and one ~2 M-row stocks_minute day (8,000 tickers). Prints a Markdown
 * table for docs/PERFORMANCE.md.
 *
 * <p>{@code mvn -o -Pslow -pl pipeline-features -am test -Dtest=SilverBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false}, or run {@link #main} with a scratch folder.
 */
@Tag("slow")
class SilverBenchmark {
    private static final int TICKERS = 5_000;
    private static final int DAYS = 250;
    /** realistic(5,000) makes 1.27 M minute rows on this date; 8,000 tickers give the ~2 M of a busy real day. */
    private static final int MINUTE_TICKERS = 8_000;
    private static final LocalDate LAST = LocalDate.of(2024, 11, 27);

    @TempDir
    Path temp;

    @Test
    void benchmark() throws Exception {
        run(temp);
    }

    public static void main(String[] args) throws Exception {
        run(Path.of(args.length > 0 ? args[0] : "target/silver-benchmark"));
    }

    static void run(Path root) throws Exception {
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        ResourceLimits limits = new ResourceLimits(IngestMode.BATCH, 4_000_000_000L, 100_000, threads, 1);
        LakeLayout layout = new LakeLayout(root.resolve("lake"));
        List<LocalDate> days = UsEquityCalendar.tradingDays(UsEquityCalendar.minusTradingDays(LAST, DAYS - 1), LAST);
        FlatFileGenerator generator = new FlatFileGenerator(FixtureSpec.realistic(TICKERS));
        long t0 = System.nanoTime();
        if (!Files.exists(layout.bronzeFile(DataType.STOCKS_MINUTE, LAST))) {
            // main() may reuse a folder it filled before; the minute day is written last
            bronze(generator, root.resolve("flat"), layout, DataType.STOCKS_DAILY, days.get(0), LAST);
            bronze(new FlatFileGenerator(FixtureSpec.realistic(MINUTE_TICKERS)), root.resolve("flat"), layout,
                    DataType.STOCKS_MINUTE, LAST, LAST);
        }
        System.out.printf("fixture: %d days, %.1f s%n", days.size(), (System.nanoTime() - t0) / 1e9);

        SilverBuilder builder = new SilverBuilder(layout, StandardFeatures.registry(), limits, SilverOptions.defaults());
        String daily = glob(layout, DataType.STOCKS_DAILY);
        String minute = glob(layout, DataType.STOCKS_MINUTE);
        System.out.println("| workload | rows | DuckDB count(*) s | DuckDB read all columns s | silver s | silver rows/s | silver / read all | silver / count(*) |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (int round = 0; round < 2; round++) {
            Reading readDaily = read(daily, limits);
            SilverBuildSummary full = builder.build(DataType.STOCKS_DAILY, days.get(0), LAST, true, ProgressListener.NONE);
            report("stocks_daily full, " + TICKERS + " tickers x " + DAYS + " days (round " + (round + 1) + ")", full, readDaily);

            Files.delete(layout.silverFile(DataType.STOCKS_DAILY, LAST));
            SilverBuildSummary oneDay = builder.build(DataType.STOCKS_DAILY, days.get(0), LAST, false, ProgressListener.NONE);
            System.out.printf("| stocks_daily incremental, last day only (reads its lookback) | %d | | | %.2f | %.0f | | |%n",
                    oneDay.rows(), oneDay.seconds(), oneDay.rowsPerSecond());

            Reading readMinute = read(minute, limits);
            SilverBuildSummary minuteDay = builder.build(DataType.STOCKS_MINUTE, LAST, LAST, true, ProgressListener.NONE);
            report("stocks_minute, one day (round " + (round + 1) + ")", minuteDay, readMinute);
        }
    }

    private static void bronze(FlatFileGenerator generator, Path flat, LakeLayout layout, DataType type, LocalDate from, LocalDate to)
            throws IOException {
        for (GeneratedFile file : generator.writeRange(flat, Set.of(type), from, to)) {
            BronzeParquetFixture.write(file.path(), type, file.key().date(), layout.bronzeFile(type, file.key().date()));
            Files.delete(file.path());
        }
    }

    private static String glob(LakeLayout layout, DataType type) {
        return "read_parquet('" + layout.bronzeRoot(type) + "/**/*.parquet', hive_partitioning = false)";
    }

    record Reading(long rows, double countSeconds, double readAllSeconds) {}

    /** DuckDB with the same threads and memory: count(*) (metadata only) and a scan that decodes every column. */
    private static Reading read(String relation, ResourceLimits limits) throws Exception {
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = duckdb.createStatement()) {
            sql.execute("SET threads = " + limits.workerThreads());
            sql.execute("SET memory_limit = '" + (DuckDbSessions.memoryLimitBytes(limits) >> 20) + "MiB'");
            long t0 = System.nanoTime();
            long rows;
            try (ResultSet r = sql.executeQuery("SELECT count(*) FROM " + relation)) {
                r.next();
                rows = r.getLong(1);
            }
            double count = (System.nanoTime() - t0) / 1e9;
            t0 = System.nanoTime();
            try (ResultSet r = sql.executeQuery("SELECT max(ticker), sum(volume), sum(open + high + low + close), max(window_start), "
                    + "sum(transactions), max(date) FROM " + relation)) {
                r.next();
            }
            return new Reading(rows, count, (System.nanoTime() - t0) / 1e9);
        }
    }

    private static void report(String workload, SilverBuildSummary summary, Reading reading) {
        if (!summary.succeeded() || summary.rows() != reading.rows()) {
            throw new IllegalStateException(workload + ": " + summary.describe() + " but bronze has " + reading.rows() + " rows");
        }
        System.out.printf("| %s | %,d | %.3f | %.2f | %.2f | %,.0f | %.1fx | %.0fx |%n", workload, summary.rows(), reading.countSeconds(),
                reading.readAllSeconds(), summary.seconds(), summary.rowsPerSecond(), summary.seconds() / reading.readAllSeconds(),
                summary.seconds() / reading.countSeconds());
    }
}
