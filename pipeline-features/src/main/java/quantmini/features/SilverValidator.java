package quantmini.features;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import quantmini.core.DataType;
import quantmini.core.QuantminiException;
import quantmini.core.profile.ResourceLimits;
import quantmini.core.progress.ProgressListener;
import quantmini.core.validation.DateRange;
import quantmini.core.validation.LakeLayer;
import quantmini.core.validation.LayerReport;
import quantmini.core.validation.LayerReportBuilder;
import quantmini.storage.LakeLayout;
import quantmini.storage.PartitionFile;

/**
 * Checks silver ({@code quantmini validate --layer silver}) by recomputing it: the silver rows of
 * the checked dates are computed again from bronze by the engine that wrote them, into a table of
 * an in-memory DuckDB, and compared value for value with the files (EXCEPT ALL both ways, so
 * every value, floating ones included, must be equal: the same SQL computes them). Also: every
 * bronze date has its silver file and no silver file lacks its bronze date, each holds as many
 * rows as its bronze date, with the columns the configured features give.
 *
 * <p>Months of options moved to the archive are passed over. A date whose silver is older than
 * its bronze (the features stage has not run since an ingest) is reported like any other
 * difference: silver does not hold what bronze implies.
 */
public final class SilverValidator {
    private static final String EXPECTED = "silver_expected";
    /** Differing rows listed per date; the rest are counted in one more line. */
    private static final int ROWS_LISTED = 20;

    private final LakeLayout layout;
    private final FeatureRegistry registry;
    private final ResourceLimits limits;
    private final SilverOptions options;

    public SilverValidator(LakeLayout layout, FeatureRegistry registry, ResourceLimits limits, SilverOptions options) {
        this.layout = requireNonNull(layout, "layout is null");
        this.registry = requireNonNull(registry, "registry is null");
        this.limits = requireNonNull(limits, "limits is null");
        this.options = requireNonNull(options, "options is null");
    }

    /** Checks the silver of {@code type} on the dates of {@code range}. */
    public LayerReport validate(DataType type, DateRange range, ProgressListener progress) {
        requireNonNull(type, "type is null");
        requireNonNull(range, "range is null");
        requireNonNull(progress, "progress is null");
        LayerReportBuilder report = new LayerReportBuilder(LakeLayer.SILVER, type, List.of("dates", "files", "rows", "values"));
        List<Feature> features = registry.select(type, options.enabledFeatures());
        try (Connection duckdb = DuckDbSessions.open(limits, layout.spillRoot().resolve("duckdb-silver"))) {
            BronzeCatalogs catalogs = new BronzeCatalogs(layout, duckdb);
            BronzeCatalog bronze;
            try {
                bronze = catalogs.of(type);
            } catch (QuantminiException e) {
                report.add("", layout.relative(layout.bronzeRoot(type)), "silver not checked: " + e.getMessage());
                return report.build();
            }
            Map<LocalDate, Path> silver = silverFiles(type, range, report);
            List<LocalDate> both = new ArrayList<>();
            for (LocalDate date : bronze.dates(range.first(), range.last())) {
                if (archived(type, date)) {
                    continue;
                }
                if (silver.containsKey(date)) {
                    both.add(date);
                } else {
                    report.add(date.toString(), layout.relative(layout.silverFile(type, date)),
                            "missing: bronze has this date, silver has no file for it");
                }
            }
            for (LocalDate date : silver.keySet()) {
                if (bronze.file(date) == null) {
                    report.add(date.toString(), layout.relative(silver.get(date)), "silver file of a date bronze does not hold");
                }
            }
            report.count("dates", both.size());
            progress.started("validate silver " + type.id(), both.size(), -1);
            try {
                SilverEngine engine = new SilverEngine(duckdb, layout, registry, options, catalogs::of);
                for (List<LocalDate> batch : SilverBuilder.batches(both, FeatureRegistry.lookback(features), options.datesPerBatch())) {
                    checkBatch(duckdb, engine, type, features, batch, bronze, silver, report);
                    batch.forEach(date -> progress.unitDone(date.toString(), true));
                }
            } finally {
                progress.finished();
            }
        } catch (SQLException e) {
            report.add("", layout.relative(layout.silverRoot(type)), "cannot check: " + firstLine(e));
        } catch (IOException e) {
            report.add("", layout.relative(layout.silverRoot(type)), "cannot read: " + e.getMessage());
        } catch (UncheckedIOException e) {
            report.add("", layout.relative(layout.silverRoot(type)), "cannot read: " + e.getCause().getMessage());
        }
        return report.build();
    }

    private boolean archived(DataType type, LocalDate date) {
        return Files.exists(layout.archiveManifest("silver", type, YearMonth.from(date)));
    }

    /** The silver day files in the range by date; a file of another form is a finding (silver is never compacted). */
    private Map<LocalDate, Path> silverFiles(DataType type, DateRange range, LayerReportBuilder report) throws IOException {
        Map<LocalDate, Path> files = new TreeMap<>();
        for (PartitionFile file : PartitionFile.list(layout.silverRoot(type))) {
            if (file.isMonthFile()) {
                report.add("", layout.relative(file.path()), "a month file in silver, which only ever holds day files");
            } else if (range.contains(file.day().get()) && !archived(type, file.day().get())) {
                files.put(file.day().get(), file.path());
            }
        }
        report.count("files", files.size());
        return files;
    }

    private void checkBatch(Connection duckdb, SilverEngine engine, DataType type, List<Feature> features, List<LocalDate> batch,
            BronzeCatalog bronze, Map<LocalDate, Path> silver, LayerReportBuilder report) throws SQLException {
        try {
            engine.computeInto(EXPECTED, type, features, batch, SilverEngine.History.LOOKBACK);
        } catch (SQLException | RuntimeException e) {
            for (LocalDate date : batch) {
                report.add(date.toString(), layout.relative(silver.get(date)), "cannot recompute from bronze: " + firstLine(e));
            }
            return;
        }
        try (Statement sql = duckdb.createStatement()) {
            List<String> columns = columns(sql, "SELECT * FROM " + EXPECTED);
            for (LocalDate date : batch) {
                checkDate(sql, date, columns, bronze.file(date), silver.get(date), report);
            }
        } finally {
            try (Statement drop = duckdb.createStatement()) {
                drop.execute("DROP TABLE IF EXISTS " + EXPECTED);
            }
        }
    }

    private void checkDate(Statement sql, LocalDate date, List<String> columns, Path bronzeFile, Path silverFile,
            LayerReportBuilder report) throws SQLException {
        String day = date.toString();
        String name = layout.relative(silverFile);
        String stored = "read_parquet(" + Sql.string(silverFile.toAbsolutePath().toString()) + ", hive_partitioning = false)";
        String expected = "(SELECT * FROM " + EXPECTED + " WHERE date = " + Sql.date(date) + ")";
        try {
            List<String> found = columns(sql, "SELECT * FROM " + stored);
            if (!found.equals(columns)) {
                report.add(day, name, "columns (" + String.join(", ", found) + ") are not those the features give ("
                        + String.join(", ", columns) + ")");
                return;
            }
            long rows = count(sql, stored);
            long bronzeRows = count(sql, "read_parquet(" + Sql.string(bronzeFile.toAbsolutePath().toString())
                    + ", hive_partitioning = false) WHERE date = " + Sql.date(date));
            report.count("rows", rows);
            report.count("values", rows * columns.size());
            if (rows != bronzeRows) {
                report.add(day, name, String.format("%d rows where bronze holds %d", rows, bronzeRows));
            }
            String all = String.join(", ", columns.stream().map(Sql::identifier).toList());
            long unexpected = count(sql, "(SELECT " + all + " FROM " + stored + " EXCEPT ALL SELECT " + all + " FROM " + expected + ")");
            long missing = count(sql, "(SELECT " + all + " FROM " + expected + " EXCEPT ALL SELECT " + all + " FROM " + stored + ")");
            if (unexpected + missing > 0) {
                listDifferences(sql, day, name, columns, stored, expected, report);
                report.add(day, name, String.format("%d stored rows are not what bronze recomputes, %d recomputed rows are not stored",
                        unexpected, missing));
            }
        } catch (SQLException e) {
            report.add(day, name, "unreadable: " + firstLine(e));
        }
    }

    /** One finding per differing row (up to a limit), naming its key and each differing value. */
    private void listDifferences(Statement sql, String day, String name, List<String> columns, String stored,
            String expected, LayerReportBuilder report) throws SQLException {
        List<String> key = new ArrayList<>(List.of("ticker", "window_start"));
        String join = key.stream().map(k -> "s." + k + " = e." + k).collect(Collectors.joining(" AND "));
        String differences = columns.stream().filter(c -> !key.contains(c))
                .map(c -> "CASE WHEN s." + Sql.identifier(c) + " IS DISTINCT FROM e." + Sql.identifier(c) + " THEN '" + c
                        + " stored ' || coalesce(CAST(s." + Sql.identifier(c) + " AS VARCHAR), 'NULL') || ', recomputed ' || coalesce(CAST(e."
                        + Sql.identifier(c) + " AS VARCHAR), 'NULL') END")
                .collect(Collectors.joining(", "));
        String query = "SELECT * FROM (SELECT coalesce(s.ticker, e.ticker) AS ticker, "
                + "CAST(coalesce(s.window_start, e.window_start) AS VARCHAR) AS window_start, "
                + "CASE WHEN s.ticker IS NULL THEN 'recomputed row missing from silver' WHEN e.ticker IS NULL THEN "
                + "'stored row that bronze does not give' ELSE concat_ws('; ', " + differences + ") END AS difference FROM "
                + stored + " s FULL OUTER JOIN " + expected + " e ON " + join
                + ") WHERE difference <> '' ORDER BY ticker, window_start LIMIT " + ROWS_LISTED;
        try (ResultSet result = sql.executeQuery(query)) {
            while (result.next()) {
                report.add(day, name, String.format("row (ticker %s, window_start %s): %s", result.getString(1), result.getString(2),
                        result.getString(3)));
            }
        }
    }

    private static List<String> columns(Statement sql, String query) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (ResultSet result = sql.executeQuery("DESCRIBE " + query)) {
            while (result.next()) {
                columns.add(result.getString(1));
            }
        }
        return columns;
    }

    private static long count(Statement sql, String relation) throws SQLException {
        try (ResultSet result = sql.executeQuery("SELECT count(*) FROM " + relation)) {
            result.next();
            return result.getLong(1);
        }
    }

    private static String firstLine(Exception e) {
        return String.valueOf(e.getMessage()).lines().findFirst().orElse("");
    }
}
