package quantmini.features;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import quantmini.core.DataType;
import quantmini.core.Preconditions;
import quantmini.core.config.ParquetCompression;
import quantmini.core.io.AtomicFiles;
import quantmini.storage.LakeLayout;

/**
 * Computes one batch of output dates of one data type in DuckDB and writes each date's silver
 * file atomically. A batch reads its output dates' bronze and, for types with a lookback, the
 * history its features need before the first of them.
 */
final class SilverEngine {
    private static final String INPUT = "silver_input";
    private static final String RESULT = "silver_result";
    private static final String NEEDY = "silver_short_history";

    private final Connection duckdb;
    private final LakeLayout layout;
    private final FeatureRegistry registry;
    private final SilverOptions options;
    private final Function<DataType, BronzeCatalog> catalogs;

    /** @param catalogs the bronze catalog of any data type (lookups read other types' bronze) */
    SilverEngine(Connection duckdb, LakeLayout layout, FeatureRegistry registry, SilverOptions options,
            Function<DataType, BronzeCatalog> catalogs) {
        this.duckdb = requireNonNull(duckdb, "duckdb is null");
        this.layout = requireNonNull(layout, "layout is null");
        this.registry = requireNonNull(registry, "registry is null");
        this.options = requireNonNull(options, "options is null");
        this.catalogs = requireNonNull(catalogs, "catalogs is null");
    }

    /** How a batch reads the history before its first output date. */
    enum History {
        /** Every earlier bronze row: the reference a full rebuild uses. */
        ALL,
        /** Each symbol's last {@code lookback} rows only: what an incremental run reads. */
        LOOKBACK
    }

    /** What became of one batch: rows written per date, and the dates that failed. */
    record BatchResult(Map<LocalDate, Long> rowsByDate, List<DateFailure> failures) {}

    /**
     * @param outputDates bronze dates to write, ascending; the batch also computes (and does not
     *     write) the bronze dates between them
     */
    BatchResult run(DataType type, List<Feature> features, List<LocalDate> outputDates, History history)
            throws SQLException {
        Preconditions.checkArgument(!outputDates.isEmpty(), "a batch needs output dates");
        LocalDate first = outputDates.get(0);
        LocalDate last = outputDates.get(outputDates.size() - 1);
        String order = String.join(", ", registry.dataset(type).sortOrder());
        Map<LocalDate, Long> rows = new LinkedHashMap<>();
        List<DateFailure> failures = new ArrayList<>();
        try (Statement sql = duckdb.createStatement()) {
            String select = prepare(sql, type, features, outputDates, history);
            if (outputDates.size() == 1) {
                write(sql, type, first, "SELECT * FROM (" + select + ") WHERE date = " + Sql.date(first) + " ORDER BY " + order,
                        rows, failures);
            } else {
                sql.execute("CREATE OR REPLACE TEMP TABLE " + RESULT + " AS SELECT * FROM (" + select + ") WHERE date BETWEEN "
                        + Sql.date(first) + " AND " + Sql.date(last) + " ORDER BY date, " + order);
                // A day file of a daily type is a few thousand rows: measured on 5,000-row files,
                // a COPY took 32 ms with two threads and 9 ms with one (the threads cost more to
                // coordinate than they save), so the many small writes of a batch run on one.
                String threads = currentSetting(sql, "threads");
                sql.execute("SET threads = 1");
                try {
                    for (LocalDate date : outputDates) {
                        write(sql, type, date, "SELECT * FROM " + RESULT + " WHERE date = " + Sql.date(date) + " ORDER BY " + order,
                                rows, failures);
                    }
                } finally {
                    sql.execute("SET threads = " + threads);
                }
            }
        } finally {
            dropWorkTables();
        }
        return new BatchResult(rows, failures);
    }

    /**
     * Computes a batch as {@link #run} does but writes nothing: the silver rows of the bronze
     * dates from the first to the last output date are left in the temporary table {@code table}
     * of the engine's connection, for a caller to compare with what silver holds (and drop).
     */
    void computeInto(String table, DataType type, List<Feature> features, List<LocalDate> outputDates, History history)
            throws SQLException {
        Preconditions.checkArgument(!outputDates.isEmpty(), "a batch needs output dates");
        try (Statement sql = duckdb.createStatement()) {
            String select = prepare(sql, type, features, outputDates, history);
            sql.execute("CREATE OR REPLACE TEMP TABLE " + table + " AS SELECT * FROM (" + select + ") WHERE date BETWEEN "
                    + Sql.date(outputDates.get(0)) + " AND " + Sql.date(outputDates.get(outputDates.size() - 1)));
        } finally {
            dropWorkTables();
        }
    }

    /** Loads the batch's bronze (and the history its features need) and returns the SELECT of its silver rows. */
    private String prepare(Statement sql, DataType type, List<Feature> features, List<LocalDate> outputDates, History history)
            throws SQLException {
        SilverDataset dataset = registry.dataset(type);
        BronzeCatalog catalog = catalogs.apply(type);
        LocalDate first = outputDates.get(0);
        LocalDate last = outputDates.get(outputDates.size() - 1);
        int lookback = FeatureRegistry.lookback(features);
        String columns = String.join(", ", dataset.bronzeColumnNames());
        sql.execute("CREATE OR REPLACE TEMP TABLE " + INPUT + " AS SELECT * FROM "
                + Sql.parquet(catalog.files(first, last), dataset.bronzeColumns())
                + " WHERE date BETWEEN " + Sql.date(first) + " AND " + Sql.date(last));
        if (lookback > 0) {
            readHistory(sql, dataset, catalog, first, lookback, history, columns);
        }
        return FeatureSql.select(registry, dataset, features, INPUT, lookupContext(outputDates));
    }

    /**
     * Frees the batch's memory. The tables are temporary and die with the session anyway, so a
     * failing drop must not hide the batch's own error.
     */
    private void dropWorkTables() {
        try (Statement drop = duckdb.createStatement()) {
            drop.execute("DROP TABLE IF EXISTS " + INPUT);
            drop.execute("DROP TABLE IF EXISTS " + RESULT);
            drop.execute("DROP TABLE IF EXISTS " + NEEDY);
        } catch (SQLException e) {
            // the next batch's CREATE OR REPLACE takes their place
        }
    }

    private static String currentSetting(Statement sql, String name) throws SQLException {
        try (ResultSet result = sql.executeQuery("SELECT current_setting(" + Sql.string(name) + ")")) {
            result.next();
            return result.getString(1);
        }
    }

    /**
     * Adds the rows before {@code first} that the features of the output dates read. Incremental
     * runs read each symbol's last {@code lookback} rows from a span of {@link #spanDates} bronze
     * dates, and only for symbols that have fewer there (gaps, relistings) go further back,
     * so a normal run never scans the whole history yet gives exactly a full rebuild's values.
     */
    private void readHistory(Statement sql, SilverDataset dataset, BronzeCatalog catalog, LocalDate first, int lookback,
            History history, String columns) throws SQLException {
        String symbol = dataset.symbolColumn();
        if (history == History.ALL) {
            sql.execute("INSERT INTO " + INPUT + " SELECT * FROM " + Sql.parquet(catalog.filesBefore(first), dataset.bronzeColumns())
                    + " WHERE date < " + Sql.date(first));
            return;
        }
        LocalDate spanStart = catalog.datesBefore(first, spanDates(lookback));
        String lastRows = " QUALIFY row_number() OVER (PARTITION BY " + symbol + " ORDER BY date DESC) <= " + lookback;
        sql.execute("INSERT INTO " + INPUT + " SELECT " + columns + " FROM "
                + Sql.parquet(catalog.files(spanStart, first.minusDays(1)), dataset.bronzeColumns())
                + " WHERE date >= " + Sql.date(spanStart) + " AND date < " + Sql.date(first) + lastRows);
        var older = catalog.filesBefore(spanStart);
        if (older.isEmpty()) {
            return;
        }
        sql.execute("CREATE OR REPLACE TEMP TABLE " + NEEDY + " AS SELECT o." + symbol + " FROM (SELECT DISTINCT " + symbol
                + " FROM " + INPUT + " WHERE date >= " + Sql.date(first) + ") o LEFT JOIN (SELECT " + symbol
                + ", count(*) AS n FROM " + INPUT + " WHERE date < " + Sql.date(first) + " GROUP BY " + symbol + ") h ON h."
                + symbol + " = o." + symbol + " WHERE coalesce(h.n, 0) < " + lookback);
        sql.execute("INSERT INTO " + INPUT + " SELECT " + columns + " FROM " + Sql.parquet(older, dataset.bronzeColumns())
                + " WHERE date < " + Sql.date(spanStart) + " AND " + symbol + " IN (SELECT " + symbol + " FROM " + NEEDY + ")"
                + lastRows);
    }

    /**
     * The bronze dates an incremental run reads before its first output date: the lookback with
     * half as much again and a week of slack for gaps, so only symbols with long gaps (halts,
     * relistings) need the older files.
     */
    static int spanDates(int lookback) {
        return lookback + lookback / 2 + 5;
    }

    private void write(Statement sql, DataType type, LocalDate date, String select, Map<LocalDate, Long> rows,
            List<DateFailure> failures) {
        Path target = layout.silverFile(type, date);
        long[] count = new long[1];
        try {
            AtomicFiles.fill(target, temp -> {
                try {
                    // DuckDB reports the rows a COPY wrote as its update count
                    count[0] = sql.executeUpdate("COPY (" + select + ") TO " + Sql.string(temp.toString()) + " (" + copyOptions() + ")");
                } catch (SQLException e) {
                    throw new IOException(e.getMessage(), e);
                }
            });
            rows.put(date, count[0]);
        } catch (IOException | RuntimeException e) {
            failures.add(new DateFailure(date, "cannot write " + target + ": " + e.getMessage()));
        }
    }

    private String copyOptions() {
        List<String> copy = new ArrayList<>();
        copy.add("FORMAT parquet");
        copy.add("COMPRESSION " + options.compression().name().toLowerCase(java.util.Locale.ROOT));
        if (options.compression() == ParquetCompression.ZSTD) {
            copy.add("COMPRESSION_LEVEL " + options.compressionLevel());
        }
        copy.add("ROW_GROUP_SIZE " + options.rowGroupRows());
        return String.join(", ", copy);
    }

    private LookupContext lookupContext(List<LocalDate> outputDates) {
        LocalDate first = outputDates.get(0);
        LocalDate last = outputDates.get(outputDates.size() - 1);
        return new LookupContext() {
            @Override
            public List<LocalDate> dates() {
                return outputDates;
            }

            @Override
            public String bronze(DataType type) {
                BronzeCatalog catalog = catalogs.apply(type);
                String dates = outputDates.stream().map(Sql::date).collect(Collectors.joining(", "));
                return "(SELECT * FROM " + Sql.parquet(catalog.files(first, last), registry.dataset(type).bronzeColumns())
                        + " WHERE date IN (" + dates + "))";
            }
        };
    }
}
