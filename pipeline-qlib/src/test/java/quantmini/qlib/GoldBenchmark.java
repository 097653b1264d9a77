package quantmini.qlib;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import quantmini.core.DataType;
import quantmini.core.calendar.UsEquityCalendar;
import quantmini.core.progress.ProgressListener;
import quantmini.storage.LakeLayout;

/**
 * Full conversion of a silver stocks_daily layer (symbols x days, 8 price fields + 12 features)
 * beside the time DuckDB needs to read the same columns ordered by symbol and date, then a
 * one-date update and a validation. Run: {@code mvn -o -Pslow -pl pipeline-qlib -am test
 * -Dtest=GoldBenchmark -Dsurefire.failIfNoSpecifiedTests=false [-Dbench.symbols=5000 -Dbench.days=1250]}
 * or its {@code main}.
 */
@Tag("slow")
class GoldBenchmark {
    private static final int FEATURES = 12;

    @Test
    void benchmark() throws Exception {
        main(new String[0]);
    }

    public static void main(String[] args) throws Exception {
        int symbols = Integer.getInteger("bench.symbols", 5_000);
        int days = Integer.getInteger("bench.days", 1_250);
        Path root = Files.createTempDirectory("gold-bench");
        try {
            run(root, symbols, days);
        } finally {
            TreeFiles.deleteRecursively(root);
        }
    }

    private static void run(Path root, int symbols, int dayCount) throws Exception {
        LakeLayout lake = new LakeLayout(root.resolve("data"));
        List<LocalDate> dates = tradingDays(dayCount);
        long t0 = System.nanoTime();
        writeSilver(lake, symbols, dates);
        double generate = seconds(t0);
        // The update date is held back, so that the full build covers all but the last date.
        Path last = lake.silverFile(DataType.STOCKS_DAILY, dates.get(dates.size() - 1));
        Path aside = root.resolve("held-back.parquet");
        Files.move(last, aside);

        long t1 = System.nanoTime();
        long rows = readLikeTheBuilder(lake, dates.subList(0, dates.size() - 1));
        double read = seconds(t1);

        GoldBuilder builder = new GoldBuilder(lake, GoldOptions.defaults());
        long t2 = System.nanoTime();
        GoldBuildSummary full = builder.build(DataType.STOCKS_DAILY, Optional.empty(), Optional.empty(), true, ProgressListener.NONE);
        double build = seconds(t2);

        Files.move(aside, last);
        long t3 = System.nanoTime();
        GoldBuildSummary update = builder.build(DataType.STOCKS_DAILY, Optional.empty(), Optional.empty(), false, ProgressListener.NONE);
        double append = seconds(t3);

        long t4 = System.nanoTime();
        GoldValidationReport report = new GoldValidator(lake, GoldOptions.defaults()).validate(DataType.STOCKS_DAILY, ProgressListener.NONE);
        double validate = seconds(t4);

        System.out.printf("%nGold benchmark: %d symbols x %d trading days, %d fields, %d rows (generated in %.1f s)%n",
                symbols, dates.size(), full.fields().size(), rows, generate);
        System.out.println("| step | seconds | notes |");
        System.out.println("|---|---:|---|");
        System.out.printf("| DuckDB read of the same columns ordered by ticker, date (JDBC, every value fetched) | %.1f | %d rows |%n", read, rows);
        System.out.printf("| full build (%s) | %.1f | %d files, %.2fx the read |%n", full.mode(), build, full.filesWritten(), build / read);
        System.out.printf("| update of one date (%s) | %.1f | %d files appended, %d written |%n", update.mode(), append,
                update.filesAppended(), update.filesWritten());
        System.out.printf("| validate the whole tree | %.1f | %d values, %s |%n", validate, report.valuesChecked(),
                report.isValid() ? "valid" : report.findings().size() + " findings");
    }

    private static List<LocalDate> tradingDays(int count) {
        List<LocalDate> dates = new ArrayList<>();
        LocalDate date = LocalDate.of(2020, 1, 2);
        while (dates.size() < count) {
            if (UsEquityCalendar.isTradingDay(date)) {
                dates.add(date);
            }
            date = date.plusDays(1);
        }
        return dates;
    }

    /** Silver-shaped day files: bronze columns plus 12 double features, random walks per symbol. */
    private static void writeSilver(LakeLayout lake, int symbols, List<LocalDate> dates) throws SQLException, IOException {
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = duckdb.createStatement()) {
            sql.execute("SET TimeZone = 'UTC'");
            sql.execute("SELECT setseed(0.42)");
            StringBuilder features = new StringBuilder();
            for (int f = 0; f < FEATURES; f++) {
                features.append(", random() - 0.5 AS feature_").append(String.format("%02d", f));
            }
            sql.execute("CREATE TABLE d AS SELECT row_number() OVER () - 1 AS i, CAST(x AS DATE) AS date FROM (SELECT unnest(["
                    + dates.stream().map(x -> "DATE '" + x + "'").collect(Collectors.joining(", ")) + "]) AS x)");
            sql.execute("CREATE TABLE s AS SELECT range AS k, 'S' || lpad(CAST(range AS VARCHAR), 5, '0') AS ticker,"
                    + " 10 + random() * 200 AS base FROM range(" + symbols + ")");
            sql.execute("CREATE TABLE bars AS SELECT s.ticker, d.date, s.base * (1 + 0.1 * sin(d.i / 50.0 + s.k)) AS close,"
                    + " CAST(1000 + random() * 30000000 AS BIGINT) AS volume, CAST(random() * 5000 AS BIGINT) AS transactions"
                    + features + " FROM s, d WHERE (s.k + d.i) % 97 <> 0");
            for (LocalDate date : dates) {
                Path file = lake.silverFile(DataType.STOCKS_DAILY, date);
                Files.createDirectories(file.getParent());
                sql.execute("COPY (SELECT ticker, volume, close * 0.995 AS open, close * 1.01 AS high, close * 0.99 AS low, close,"
                        + " CAST(date AS TIMESTAMPTZ) + INTERVAL 21 HOUR AS window_start, transactions, date,"
                        + " close * 1.001 AS vwap" + columnsOf(FEATURES) + " FROM bars WHERE date = DATE '" + date
                        + "' ORDER BY ticker) TO '" + file + "' (FORMAT parquet, COMPRESSION zstd)");
            }
        }
    }

    private static String columnsOf(int features) {
        StringBuilder columns = new StringBuilder();
        for (int f = 0; f < features; f++) {
            columns.append(", feature_").append(String.format("%02d", f));
        }
        return columns.toString();
    }

    /** What the builder's read costs on its own: the same query, every value fetched through JDBC. */
    private static long readLikeTheBuilder(LakeLayout lake, List<LocalDate> dates) throws Exception {
        List<String> files;
        try (Stream<Path> walk = Files.walk(lake.silverRoot(DataType.STOCKS_DAILY))) {
            files = walk.filter(p -> p.toString().endsWith(".parquet")).map(p -> "'" + p + "'").sorted().collect(Collectors.toList());
        }
        String columns = "open, high, low, close, volume, vwap" + columnsOf(FEATURES);
        long rows = 0;
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = duckdb.createStatement();
                ResultSet result = sql.executeQuery("SELECT ticker, datediff('day', DATE '1970-01-01', date), epoch_us(window_start), "
                        + columns + " FROM read_parquet([" + String.join(", ", files) + "], union_by_name = true)"
                        + " ORDER BY ticker, date, window_start")) {
            int width = 6 + FEATURES;
            double sink = 0;
            while (result.next()) {
                result.getString(1);
                result.getInt(2);
                result.getLong(3);
                for (int c = 0; c < width; c++) {
                    sink += result.getDouble(4 + c);
                }
                rows++;
            }
            if (sink == 42) {
                System.out.println();
            }
        }
        return rows;
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
