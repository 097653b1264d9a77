package quantmini.qlib;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import quantmini.core.DataType;
import quantmini.core.calendar.UsEquityCalendar;
import quantmini.fixtures.BronzeParquetFixture;
import quantmini.fixtures.FixtureSpec;
import quantmini.fixtures.FlatFileGenerator;
import quantmini.fixtures.GeneratedFile;
import quantmini.storage.LakeLayout;

/** A lake in a temporary folder, filled with generated bronze (and silver) days. */
final class TestLake {
    final Path root;
    final LakeLayout layout;
    private final FlatFileGenerator generator;

    TestLake(Path root) {
        this(root, FixtureSpec.small());
    }

    TestLake(Path root, FixtureSpec spec) {
        this.root = root;
        this.layout = new LakeLayout(root.resolve("data"));
        this.generator = new FlatFileGenerator(spec);
    }

    /** Writes the bronze files of every trading day in [from, to]; returns the dates. */
    List<LocalDate> addBronze(DataType type, LocalDate from, LocalDate to) throws IOException {
        Path landing = root.resolve("landing-" + type.id());
        List<LocalDate> dates = new ArrayList<>();
        for (GeneratedFile file : generator.writeRange(landing, List.of(type), from, to)) {
            LocalDate date = file.key().date();
            BronzeParquetFixture.write(file.path(), type, date, layout.bronzeFile(type, date));
            dates.add(date);
        }
        return dates;
    }

    /** Writes silver files from the bronze files of {@code dates}: bronze columns plus a vwap and a feature. */
    void addSilver(DataType type, List<LocalDate> dates) throws IOException {
        for (LocalDate date : dates) {
            Path silver = layout.silverFile(type, date);
            Files.createDirectories(silver.getParent());
            sql("COPY (SELECT *, (open + close) / 2 AS vwap, CAST(close / open - 1 AS DOUBLE) AS intraday_return,"
                    + " CAST(transactions AS INTEGER) AS trade_count FROM read_parquet('" + layout.bronzeFile(type, date)
                    + "') ORDER BY ticker, window_start) TO '" + silver + "' (FORMAT parquet)");
        }
    }

    /** Adds a ticker that trades on this one date only, a copy of {@code template}'s row. */
    void addOneDayTicker(DataType type, LocalDate date, String template, String ticker) throws IOException {
        Path file = layout.bronzeFile(type, date);
        Path temp = file.resolveSibling("rewrite.tmp.parquet");
        sql("COPY (SELECT * FROM read_parquet('" + file + "') UNION ALL SELECT * REPLACE ('" + ticker + "' AS ticker, open * 1.5 AS open)"
                + " FROM read_parquet('" + file + "') WHERE ticker = '" + template + "' ORDER BY ticker, window_start) TO '"
                + temp + "' (FORMAT parquet)");
        Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** Rewrites a day file with every close raised by one cent: a republished day. */
    void republish(DataType type, LocalDate date) throws IOException {
        Path file = layout.bronzeFile(type, date);
        Path temp = file.resolveSibling("rewrite.tmp.parquet");
        sql("COPY (SELECT * REPLACE (close + 0.01 AS close) FROM read_parquet('" + file + "') ORDER BY ticker, window_start) TO '"
                + temp + "' (FORMAT parquet)");
        Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    static List<LocalDate> tradingDays(LocalDate from, LocalDate to) {
        return UsEquityCalendar.tradingDays(from, to);
    }

    static void sql(String statementText) throws IOException {
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duckdb.createStatement()) {
            statement.execute("SET TimeZone = 'UTC'");
            statement.execute(statementText);
        } catch (SQLException e) {
            throw new IOException(e.getMessage() + " in " + statementText, e);
        }
    }
}
