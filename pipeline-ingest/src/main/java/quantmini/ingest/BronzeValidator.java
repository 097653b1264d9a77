package quantmini.ingest;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import quantmini.core.DataType;
import quantmini.core.FlatFileKey;
import quantmini.core.progress.ProgressListener;
import quantmini.core.validation.DateRange;
import quantmini.core.validation.LakeLayer;
import quantmini.core.validation.LayerReport;
import quantmini.core.validation.LayerReportBuilder;
import quantmini.storage.BronzeSchema;
import quantmini.storage.DayStats;
import quantmini.storage.DuckDb;
import quantmini.storage.LakeLayout;
import quantmini.storage.LandingFileReader;
import quantmini.storage.LandingInventory;
import quantmini.storage.MetadataStore;
import quantmini.storage.PartitionFile;

/**
 * Checks bronze ({@code quantmini validate --layer bronze}), day files and compacted months alike.
 * Per file: the columns and types of the bronze schema (DESIGN.md §3); no nulls; the row rules
 * ingest enforces (high at least low; no negative price, volume or transaction count; an open
 * or close outside [low, high] is the vendor's bar as published, kept by ingest, so no finding);
 * no duplicate (ticker, window_start); the {@code date} column is the file's date (its month for
 * a month file); rows in the order of DESIGN.md §2. Per date: bronze rows plus quarantined rows
 * are the data rows of the landed file, a date lives in one file only,
 * and {@code daily_stats} records the rows, tickers and quarantined rows the files hold.
 *
 * <p>Months of options moved to the archive ({@code quantmini archive}) are passed over: landing
 * and the metadata still count them, the live lake no longer does.
 */
public final class BronzeValidator {
    /** Rows listed per file and kind of problem; the rest are counted in one more line. */
    private static final int ROWS_LISTED = 20;

    private final LakeLayout layout;

    public BronzeValidator(LakeLayout layout) {
        this.layout = requireNonNull(layout, "layout is null");
    }

    /** What bronze holds for one date, summed over the files that hold it. */
    private static final class DayCount {
        long rows;
        long tickers;
        final List<Path> files = new ArrayList<>();
    }

    /** The counts of one date's rows in one file. */
    private record DateGroup(LocalDate date, long rows, long tickers, long brokenRows, long rowsOutOfOrder) {}

    /** Checks the bronze files of {@code type} holding dates in {@code range}, and those dates. */
    public LayerReport validate(DataType type, DateRange range, ProgressListener progress) {
        requireNonNull(type, "type is null");
        requireNonNull(range, "range is null");
        requireNonNull(progress, "progress is null");
        LayerReportBuilder report = new LayerReportBuilder(LakeLayer.BRONZE, type, List.of("dates", "files", "rows", "quarantined rows"));
        try (Connection duckdb = DuckDb.connect(); RootAllocator allocator = new RootAllocator()) {
            List<PartitionFile> files = new ArrayList<>();
            for (PartitionFile file : PartitionFile.list(layout.bronzeRoot(type))) {
                if (file.day().map(range::contains).orElse(range.overlaps(file.month()))) {
                    files.add(file);
                }
            }
            Map<LocalDate, DayCount> days = new TreeMap<>();
            progress.started("validate bronze " + type.id(), files.size(), -1);
            try {
                for (PartitionFile file : files) {
                    checkFile(duckdb, type, file, range, days, report);
                    progress.unitDone(layout.relative(file.path()), true);
                }
            } finally {
                progress.finished();
            }
            report.count("files", files.size());
            checkDays(type, range, days, new MetadataStore(layout, allocator).dailyStats(type), report);
        } catch (SQLException e) {
            report.warn("DuckDB is not available, bronze files not checked: " + e.getMessage());
        } catch (IOException e) {
            report.add("", layout.relative(layout.bronzeRoot(type)), "cannot read: " + e.getMessage());
        }
        return report.build();
    }

    private void checkFile(Connection duckdb, DataType type, PartitionFile file, DateRange range, Map<LocalDate, DayCount> days,
            LayerReportBuilder report) {
        String name = layout.relative(file.path());
        String fileDate = file.day().map(LocalDate::toString).orElse("");
        try (Statement sql = duckdb.createStatement()) {
            if (!schemaMatches(sql, type, file, name, fileDate, report)) {
                return;
            }
            String rows = checkedRows(type, file.path());
            List<DateGroup> groups = new ArrayList<>();
            try (ResultSet result = sql.executeQuery("SELECT date, count(*), count(DISTINCT ticker), count(problem), "
                    + "count(*) FILTER (WHERE out_of_order) FROM " + rows + " GROUP BY date ORDER BY date")) {
                while (result.next()) {
                    groups.add(new DateGroup(result.getObject(1, LocalDate.class), result.getLong(2), result.getLong(3), result.getLong(4),
                            result.getLong(5)));
                }
            }
            for (DateGroup group : groups) {
                LocalDate date = group.date();
                if (date == null) {
                    report.add(fileDate, name, group.rows() + " rows without a date");
                    continue;
                }
                boolean belongs = file.day().map(date::equals).orElse(YearMonth.from(date).equals(file.month()));
                if (!belongs) {
                    report.add(fileDate, name, String.format("%d rows with date %s, which is not the file's %s", group.rows(), date,
                            file.day().map(Object::toString).orElse("month " + file.month())));
                }
                if (!range.contains(date)) {
                    continue;
                }
                DayCount day = days.computeIfAbsent(date, d -> new DayCount());
                day.rows += group.rows();
                day.tickers += group.tickers();
                day.files.add(file.path());
                report.count("rows", group.rows());
                if (group.brokenRows() > 0) {
                    listRows(sql, "SELECT date, file_row_number, ticker, CAST(window_start AS VARCHAR), problem FROM " + rows
                            + " WHERE problem IS NOT NULL AND date = DATE '" + date + "' ORDER BY file_row_number",
                            group.brokenRows(), "rows break the row rules", name, report);
                }
                if (group.rowsOutOfOrder() > 0) {
                    listRows(sql, "SELECT date, file_row_number, ticker, CAST(window_start AS VARCHAR), "
                            + "'out of order: sorts before the row above it (order: date, " + String.join(", ", BronzeSchema.sortOrder(type))
                            + ")' FROM " + rows + " WHERE out_of_order AND date = DATE '" + date + "' ORDER BY file_row_number",
                            group.rowsOutOfOrder(), "rows out of order", name, report);
                }
            }
            checkDuplicates(sql, file, name, range, report);
        } catch (SQLException e) {
            report.add(fileDate, name, "unreadable: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    /** The file's columns must be the bronze schema's, in order, with the bronze types. */
    private static boolean schemaMatches(Statement sql, DataType type, PartitionFile file, String name, String fileDate,
            LayerReportBuilder report) throws SQLException {
        List<String> found = new ArrayList<>();
        try (ResultSet result = sql.executeQuery("DESCRIBE SELECT * FROM read_parquet(" + DuckDb.literal(file.path())
                + ", hive_partitioning = false)")) {
            while (result.next()) {
                found.add(result.getString(1) + " " + result.getString(2));
            }
        }
        List<String> expected = BronzeSchema.of(type).getFields().stream().map(f -> f.getName() + " " + sqlType(f)).toList();
        if (!found.equals(expected)) {
            report.add(fileDate, name, "schema (" + String.join(", ", found) + ") is not the bronze schema ("
                    + String.join(", ", expected) + ")");
            return false;
        }
        return true;
    }

    /** How DuckDB reads a bronze column's Parquet type. */
    private static String sqlType(Field field) {
        ArrowType type = field.getType();
        if (type instanceof ArrowType.Utf8) {
            return "VARCHAR";
        } else if (type instanceof ArrowType.Int) {
            return "BIGINT";
        } else if (type instanceof ArrowType.FloatingPoint) {
            return "DOUBLE";
        } else if (type instanceof ArrowType.Date) {
            return "DATE";
        } else if (type instanceof ArrowType.Timestamp) {
            return "TIMESTAMP WITH TIME ZONE";
        }
        throw new IllegalArgumentException("no SQL type for bronze column " + field.getName());
    }

    /**
     * The file's rows with its row number, what breaks the row rules ({@code problem}, null when
     * nothing) and whether the row sorts before the one stored above it ({@code out_of_order}).
     */
    private static String checkedRows(DataType type, Path file) {
        List<String> key = new ArrayList<>();
        key.add(BronzeSchema.DATE);
        key.addAll(BronzeSchema.sortOrder(type));
        String nulls = BronzeSchema.of(type).getFields().stream().map(f -> f.getName() + " IS NULL").collect(Collectors.joining(" OR "));
        String problem = "CASE WHEN " + nulls + " THEN 'a null value'"
                + " WHEN high < low THEN 'high ' || high || ' below low ' || low"
                + " WHEN least(open, high, low, close) < 0 THEN 'negative price'"
                + " WHEN volume < 0 THEN 'negative volume ' || volume"
                + " WHEN transactions < 0 THEN 'negative transactions ' || transactions END";
        String previous = key.stream().map(k -> "lag(" + k + ") OVER byRow AS previous_" + k).collect(Collectors.joining(", "));
        return "(SELECT *, " + problem + " AS problem, coalesce(" + sortsBefore(key, 0) + ", false) AS out_of_order FROM (SELECT *, "
                + previous + " FROM read_parquet(" + DuckDb.literal(file) + ", hive_partitioning = false, file_row_number = true)"
                + " WINDOW byRow AS (ORDER BY file_row_number)))";
    }

    /** SQL that is true when the row's key from column {@code from} on sorts before the previous row's. */
    private static String sortsBefore(List<String> key, int from) {
        String column = key.get(from);
        String before = "previous_" + column + " > " + column;
        if (from == key.size() - 1) {
            return "(" + before + ")";
        }
        return "(" + before + " OR (previous_" + column + " = " + column + " AND " + sortsBefore(key, from + 1) + "))";
    }

    private static void listRows(Statement sql, String query, long total, String what, String name, LayerReportBuilder report)
            throws SQLException {
        try (ResultSet result = sql.executeQuery(query + " LIMIT " + ROWS_LISTED)) {
            while (result.next()) {
                report.add(result.getObject(1, LocalDate.class).toString(), name, String.format("row %d (ticker %s, window_start %s): %s",
                        result.getLong(2) + 1, result.getString(3), result.getString(4), result.getString(5)));
            }
        }
        if (total > ROWS_LISTED) {
            report.add("", name, String.format("%d %s in all; the first %d are listed", total, what, ROWS_LISTED));
        }
    }

    private static void checkDuplicates(Statement sql, PartitionFile file, String name, DateRange range, LayerReportBuilder report)
            throws SQLException {
        try (ResultSet result = sql.executeQuery("SELECT date, ticker, CAST(window_start AS VARCHAR), count(*) FROM read_parquet("
                + DuckDb.literal(file.path()) + ", hive_partitioning = false) WHERE date BETWEEN DATE '" + range.first() + "' AND DATE '" + range.last()
                + "' GROUP BY date, ticker, window_start HAVING count(*) > 1 ORDER BY date, ticker, window_start LIMIT "
                + ROWS_LISTED)) {
            while (result.next()) {
                report.add(result.getObject(1, LocalDate.class).toString(), name, String.format(
                        "duplicate rows: (ticker %s, window_start %s) is there %d times", result.getString(2), result.getString(3),
                        result.getLong(4)));
            }
        }
    }

    /** The per-date counts against landing, quarantine and daily_stats. */
    private void checkDays(DataType type, DateRange range, Map<LocalDate, DayCount> days, List<DayStats> dailyStats,
            LayerReportBuilder report) {
        Map<LocalDate, DayStats> stats = new HashMap<>();
        for (DayStats day : dailyStats) {
            if (range.contains(day.date())) {
                stats.put(day.date(), day);
            }
        }
        Map<LocalDate, FlatFileKey> landed = new HashMap<>();
        for (FlatFileKey key : new LandingInventory(layout).keys(type, range.first(), range.last())) {
            landed.put(key.date(), key);
        }
        TreeSet<LocalDate> dates = new TreeSet<>(days.keySet());
        dates.addAll(stats.keySet());
        dates.addAll(landed.keySet());
        long withoutLanding = 0;
        long archived = 0;
        for (LocalDate date : dates) {
            if (Files.exists(layout.archiveManifest("bronze", type, YearMonth.from(date)))) {
                archived++;
                continue;
            }
            DayCount day = days.getOrDefault(date, new DayCount());
            String name = day.files.isEmpty() ? layout.relative(layout.bronzeFile(type, date)) : layout.relative(day.files.get(0));
            report.count("dates", 1);
            if (day.files.size() > 1) {
                report.add(date.toString(), name, "the date is in " + day.files.size() + " files, its rows counted twice: "
                        + day.files.stream().map(layout::relative).collect(Collectors.joining(", ")));
            }
            long quarantined;
            try {
                quarantined = QuarantineWriter.countRows(layout.quarantineFile(type, date));
            } catch (IOException e) {
                report.add(date.toString(), layout.relative(layout.quarantineFile(type, date)), "cannot read: " + e.getMessage());
                continue;
            }
            report.count("quarantined rows", quarantined);
            FlatFileKey key = landed.get(date);
            if (key == null) {
                withoutLanding++;
            } else {
                compareWithLanding(key, day, quarantined, name, report);
            }
            DayStats recorded = stats.get(date);
            if (recorded == null) {
                if (day.rows > 0 || quarantined > 0) {
                    report.add(date.toString(), name, "metadata daily_stats has no row for this date");
                }
            } else if (recorded.rows() != day.rows || recorded.quarantinedRows() != quarantined || recorded.tickers() != day.tickers) {
                report.add(date.toString(), name, String.format("metadata daily_stats records %d rows, %d tickers, %d quarantined;"
                        + " the lake holds %d rows, %d tickers, %d quarantined", recorded.rows(), recorded.tickers(),
                        recorded.quarantinedRows(), day.rows, day.tickers, quarantined));
            }
        }
        if (withoutLanding > 0) {
            report.warn(withoutLanding + " dates have no landed file: their bronze and quarantined rows were not counted against the source");
        }
        if (archived > 0) {
            report.warn(archived + " dates are in archived months and were passed over");
        }
    }

    private void compareWithLanding(FlatFileKey key, DayCount day, long quarantined, String name, LayerReportBuilder report) {
        Path landing = layout.landingFile(key);
        long sourceRows;
        try (InputStream in = Files.newInputStream(landing)) {
            sourceRows = LandingFileReader.countDataRows(in);
        } catch (IOException e) {
            report.warn(key + ": the landed file cannot be read (" + e.getMessage() + "), so its bronze rows were not counted against it");
            return;
        }
        if (day.rows + quarantined == sourceRows) {
            return;
        }
        String date = key.date().toString();
        if (day.files.isEmpty()) {
            report.add(date, name, String.format("missing: no bronze file, while %s holds %d data rows (%d quarantined)",
                    layout.relative(landing), sourceRows, quarantined));
        } else {
            report.add(date, name, String.format("%d bronze rows + %d quarantined = %d, but %s holds %d data rows", day.rows, quarantined,
                    day.rows + quarantined, layout.relative(landing), sourceRows));
        }
    }
}
