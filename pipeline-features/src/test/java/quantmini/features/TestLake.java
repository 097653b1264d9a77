package quantmini.features;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import quantmini.core.DataType;
import quantmini.core.FlatFileKey;
import quantmini.core.calendar.UsEquityCalendar;
import quantmini.core.config.IngestMode;
import quantmini.core.profile.ResourceLimits;
import quantmini.fixtures.BronzeParquetFixture;
import quantmini.fixtures.FixtureSpec;
import quantmini.fixtures.FlatFileGenerator;
import quantmini.storage.LakeLayout;

/**
 * A generated lake for the silver tests: flat files from {@link FlatFileGenerator} (the test's
 * independent source of truth, parsed here in plain Java) and bronze written from them by
 * {@link BronzeParquetFixture}.
 *
 * <p>60 trading days of stocks_daily ending on the half day after Thanksgiving 2024; the last two
 * of them (a full day and the half day) also have stocks_minute, the last three options_daily and
 * the last two options_minute.
 */
final class TestLake {
    static final LocalDate LAST = LocalDate.of(2024, 11, 29);
    static final List<LocalDate> DAYS = tradingDaysEndingAt(LAST, 60);
    static final List<LocalDate> MINUTE_DAYS = DAYS.subList(58, 60);
    static final List<LocalDate> OPTION_DAYS = DAYS.subList(57, 60);
    static final List<LocalDate> OPTION_MINUTE_DAYS = DAYS.subList(58, 60);
    static final ResourceLimits LIMITS = new ResourceLimits(IngestMode.BATCH, 1_000_000_000L, 100_000, 2, 1);

    /** One CSV row of a flat file. */
    record Bar(String ticker, LocalDate date, long volume, double open, double close, double high, double low,
            long windowStartNanos) {}

    final Path flatRoot;
    final LakeLayout layout;

    private TestLake(Path flatRoot, LakeLayout layout) {
        this.flatRoot = flatRoot;
        this.layout = layout;
    }

    static TestLake generate(Path root) throws IOException {
        Path flat = root.resolve("flat");
        LakeLayout layout = new LakeLayout(root.resolve("lake"));
        FlatFileGenerator generator = new FlatFileGenerator(FixtureSpec.small());
        write(generator, flat, layout, DataType.STOCKS_DAILY, DAYS);
        write(generator, flat, layout, DataType.STOCKS_MINUTE, MINUTE_DAYS);
        write(generator, flat, layout, DataType.OPTIONS_DAILY, OPTION_DAYS);
        write(generator, flat, layout, DataType.OPTIONS_MINUTE, OPTION_MINUTE_DAYS);
        return new TestLake(flat, layout);
    }

    private static void write(FlatFileGenerator generator, Path flat, LakeLayout layout, DataType type, List<LocalDate> days)
            throws IOException {
        for (var file : generator.writeRange(flat, Set.of(type), days.get(0), days.get(days.size() - 1))) {
            LocalDate date = file.key().date();
            BronzeParquetFixture.write(file.path(), type, date, layout.bronzeFile(type, date));
        }
    }

    /** A new lake root holding a copy of this lake's bronze (and no silver). */
    LakeLayout copyBronzeTo(Path root) throws IOException {
        LakeLayout copy = new LakeLayout(root);
        Path source = layout.dataRoot().resolve("bronze");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path target = copy.dataRoot().resolve("bronze").resolve(source.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        return copy;
    }

    /** The rows of one flat file, in file order. */
    List<Bar> bars(DataType type, LocalDate date) {
        Path file = flatRoot.resolve(new FlatFileKey(type, date).objectKey());
        List<Bar> bars = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)),
                StandardCharsets.UTF_8))) {
            String header = reader.readLine();
            if (!header.equals("ticker,volume,open,close,high,low,window_start,transactions")) {
                throw new IllegalStateException("unexpected header " + header);
            }
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String[] f = line.split(",");
                bars.add(new Bar(f[0], date, Long.parseLong(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3]),
                        Double.parseDouble(f[4]), Double.parseDouble(f[5]), Long.parseLong(f[6])));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bars;
    }

    /** Every bar of the type over the dates, grouped by ticker in date (then time) order. */
    Map<String, List<Bar>> history(DataType type, List<LocalDate> dates) {
        Map<String, List<Bar>> byTicker = new LinkedHashMap<>();
        for (LocalDate date : dates) {
            List<Bar> day = new ArrayList<>(bars(type, date));
            day.sort((a, b) -> Long.compare(a.windowStartNanos(), b.windowStartNanos()));
            for (Bar bar : day) {
                byTicker.computeIfAbsent(bar.ticker(), t -> new ArrayList<>()).add(bar);
            }
        }
        return byTicker;
    }

    /** Silver rows keyed by the given key columns joined with '|', each row a column-to-value map. */
    static Map<String, Map<String, Object>> readSilver(LakeLayout layout, DataType type, String... keyColumns) {
        String glob = layout.silverRoot(type).resolve("**").resolve("*.parquet").toString();
        Map<String, Map<String, Object>> rows = new HashMap<>();
        query("SELECT *, epoch_us(window_start) AS window_start_us FROM read_parquet('" + glob + "', hive_partitioning = false)",
                row -> {
            StringBuilder key = new StringBuilder();
            for (String column : keyColumns) {
                key.append(key.length() == 0 ? "" : "|").append(row.get(column));
            }
            if (rows.put(key.toString(), row) != null) {
                throw new IllegalStateException("duplicate silver row " + key);
            }
        });
        return rows;
    }

    interface RowConsumer {
        void accept(Map<String, Object> row);
    }

    static void query(String sql, RowConsumer consumer) {
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duckdb.createStatement()) {
            statement.execute("SET TimeZone = 'UTC'");
            if (!statement.execute(sql)) {
                return;
            }
            try (ResultSet result = statement.getResultSet()) {
                ResultSetMetaData meta = result.getMetaData();
                while (result.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        Object value = result.getObject(i);
                        if (value instanceof java.sql.Date d) {
                            value = d.toLocalDate();
                        }
                        row.put(meta.getColumnName(i), value);
                    }
                    consumer.accept(row);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage() + " in " + sql, e);
        }
    }

    static long count(String sql) {
        long[] n = new long[1];
        query(sql, row -> n[0] = ((Number) row.values().iterator().next()).longValue());
        return n[0];
    }

    private static List<LocalDate> tradingDaysEndingAt(LocalDate last, int count) {
        List<LocalDate> days = UsEquityCalendar.tradingDays(UsEquityCalendar.minusTradingDays(last, count - 1), last);
        if (days.size() != count) {
            throw new IllegalStateException("expected " + count + " days, got " + days.size());
        }
        return List.copyOf(days);
    }
}
