package quantmini.cli;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import quantmini.core.DataType;
import quantmini.core.ExitCode;
import quantmini.core.QuantminiException;
import quantmini.core.calendar.UsEquityCalendar;
import quantmini.core.io.AtomicFiles;
import quantmini.core.validation.LakeLayer;
import quantmini.storage.DuckDb;
import quantmini.storage.LakeLayout;
import quantmini.storage.MetadataStore;

/**
 * What the lake holds, per data type and layer: the dates, the trading days missing between the
 * first and the last, rows and bytes, and the outcome of the last run. Reads file names, metadata,
 * Parquet footers and Qlib text files only, so it stays fast on a large lake.
 */
final class LakeStatus {
    /**
     * One layer of one data type. {@code rows} is null where the layer has no row count
     * (landing: the CSVs are not read); gold has instead its instruments and calendar length.
     */
    record LayerStatus(DataType type, LakeLayer layer, List<LocalDate> dates, List<LocalDate> gaps, Long rows, long bytes,
            Integer instruments, Integer calendarLength) {
        LayerStatus {
            requireNonNull(type, "type is null");
            requireNonNull(layer, "layer is null");
            dates = List.copyOf(dates);
            gaps = List.copyOf(gaps);
        }

        boolean isEmpty() {
            return dates.isEmpty() && bytes == 0;
        }

        Optional<LocalDate> first() {
            return dates.isEmpty() ? Optional.empty() : Optional.of(dates.get(0));
        }

        Optional<LocalDate> last() {
            return dates.isEmpty() ? Optional.empty() : Optional.of(dates.get(dates.size() - 1));
        }
    }

    /** The newest run report: its file and, where it has them, its outcome and end time. */
    record LastRun(Path file, String outcome, String finishedAt) {
        LastRun {
            requireNonNull(file, "file is null");
        }
    }

    /** The whole answer. */
    record Report(Path dataRoot, List<LayerStatus> layers, Optional<LastRun> lastRun) {
        Report {
            requireNonNull(dataRoot, "dataRoot is null");
            layers = List.copyOf(layers);
            requireNonNull(lastRun, "lastRun is null");
        }
    }

    private LakeStatus() {}

    static Report collect(LakeLayout layout, Path logRoot) {
        requireNonNull(layout, "layout is null");
        requireNonNull(logRoot, "logRoot is null");
        List<LayerStatus> layers = new ArrayList<>();
        try (Connection duckdb = DuckDb.connect()) {
            for (DataType type : DataType.values()) {
                Map<LocalDate, Long> stats = dailyStats(duckdb, layout, type);
                layers.add(landing(layout, type));
                layers.add(bronze(layout, type, stats));
                layers.add(silver(duckdb, layout, type, stats));
                layers.add(gold(layout, type));
            }
        } catch (SQLException e) {
            throw new QuantminiException(ExitCode.JOB_FAILED, "cannot read the lake's Parquet files: "
                    + LakeQuery.oneLine(e.getMessage()), e);
        } catch (IOException e) {
            throw new QuantminiException(ExitCode.JOB_FAILED, "cannot read the lake: " + e.getMessage(), e);
        }
        return new Report(layout.dataRoot(), layers, lastRun(logRoot.resolve("runs")));
    }

    private static LayerStatus landing(LakeLayout layout, DataType type) throws IOException {
        Path root = layout.landingRoot(type);
        TreeSet<LocalDate> dates = new TreeSet<>();
        for (Path file : files(root, 3)) {
            datePrefix(file.getFileName().toString(), ".csv.gz").ifPresent(dates::add);
        }
        return layer(type, LakeLayer.LANDING, dates, null, bytes(root), null, null);
    }

    private static LayerStatus bronze(LakeLayout layout, DataType type, Map<LocalDate, Long> stats) throws IOException {
        Path root = layout.bronzeRoot(type);
        TreeSet<LocalDate> dates = partitionDates(root, stats);
        // rows of the days bronze has now: a deleted day file must not count
        long rows = dates.stream().mapToLong(date -> stats.getOrDefault(date, 0L)).sum();
        return layer(type, LakeLayer.BRONZE, dates, dates.isEmpty() ? null : rows, bytes(root), null, null);
    }

    private static LayerStatus silver(Connection duckdb, LakeLayout layout, DataType type, Map<LocalDate, Long> stats)
            throws IOException, SQLException {
        Path root = layout.silverRoot(type);
        TreeSet<LocalDate> dates = partitionDates(root, stats);
        List<Path> files = LakeViews.parquetFiles(root);
        Long rows = null;
        if (!files.isEmpty()) {
            // count(*) over Parquet is answered from the footers; no column is read
            String list = files.stream().map(DuckDb::literal).collect(Collectors.joining(", ", "[", "]"));
            try (Statement statement = duckdb.createStatement();
                    ResultSet result = statement.executeQuery("SELECT count(*) FROM read_parquet(" + list + ")")) {
                result.next();
                rows = result.getLong(1);
            }
        }
        return layer(type, LakeLayer.SILVER, dates, rows, bytes(root), null, null);
    }

    private static LayerStatus gold(LakeLayout layout, DataType type) throws IOException {
        Path root = layout.qlibRoot(type);
        TreeSet<LocalDate> dates = new TreeSet<>();
        Integer calendarLength = null;
        for (Path calendar : files(root.resolve("calendars"), 1)) {
            if (calendar.getFileName().toString().endsWith(".txt")) {
                List<String> entries = lines(calendar);
                calendarLength = entries.size();
                // a day entry is the date; a minute entry starts with it
                for (String entry : entries) {
                    datePrefix(entry.length() >= 10 ? entry.substring(0, 10) : entry, "").ifPresent(dates::add);
                }
            }
        }
        Path instrumentsFile = root.resolve("instruments").resolve("all.txt");
        Integer instruments = Files.isRegularFile(instrumentsFile) ? lines(instrumentsFile).size() : null;
        return layer(type, LakeLayer.GOLD, dates, null, bytes(root), instruments, calendarLength);
    }

    private static LayerStatus layer(DataType type, LakeLayer layer, TreeSet<LocalDate> dates, Long rows, long bytes,
            Integer instruments, Integer calendarLength) {
        List<LocalDate> gaps = dates.isEmpty() ? List.of()
                : UsEquityCalendar.tradingDays(dates.first(), dates.last()).stream()
                        .filter(day -> !dates.contains(day)).collect(Collectors.toUnmodifiableList());
        return new LayerStatus(type, layer, new ArrayList<>(dates), gaps, rows, bytes, instruments, calendarLength);
    }

    /**
     * The dates of a bronze or silver tree: a day file's name is its date; a compacted
     * month.parquet holds the month's days that the daily statistics list.
     */
    private static TreeSet<LocalDate> partitionDates(Path root, Map<LocalDate, Long> stats) {
        TreeSet<LocalDate> dates = new TreeSet<>();
        for (Path file : LakeViews.parquetFiles(root)) {
            String name = file.getFileName().toString();
            if (name.equals("month.parquet")) {
                String year = file.getParent().getParent().getFileName().toString().replace("year=", "");
                String month = file.getParent().getFileName().toString().replace("month=", "");
                stats.keySet().stream()
                        .filter(date -> String.valueOf(date.getYear()).equals(year)
                                && String.format("%02d", date.getMonthValue()).equals(month))
                        .forEach(dates::add);
            } else {
                datePrefix(name, ".parquet").ifPresent(dates::add);
            }
        }
        return dates;
    }

    /** Rows per date of one data type, from its asset class's daily_stats.parquet. */
    private static Map<LocalDate, Long> dailyStats(Connection duckdb, LakeLayout layout, DataType type) throws SQLException {
        Path file = layout.metadataRoot(type.assetClass()).resolve(MetadataStore.DAILY_STATS);
        Map<LocalDate, Long> rows = new HashMap<>();
        if (!Files.isRegularFile(file)) {
            return rows;
        }
        String sql = "SELECT CAST(date AS VARCHAR), sum(rows) FROM read_parquet(" + DuckDb.literal(file) + ") WHERE data_type = '"
                + type.id() + "' GROUP BY 1";
        try (Statement statement = duckdb.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                rows.put(LocalDate.parse(result.getString(1)), result.getLong(2));
            }
        }
        return rows;
    }

    /**
     * The newest report under {@code runs/} by name (run ids sort by start time). The writer of
     * those reports evolves separately, so fields are optional and unknown ones are ignored.
     */
    static Optional<LastRun> lastRun(Path runs) {
        List<Path> reports;
        try {
            reports = files(runs, 1).stream().filter(file -> file.getFileName().toString().endsWith(".json"))
                    .sorted().collect(Collectors.toList());
        } catch (IOException e) {
            return Optional.empty();
        }
        if (reports.isEmpty()) {
            return Optional.empty();
        }
        Path newest = reports.get(reports.size() - 1);
        try {
            JsonNode report = new ObjectMapper().readTree(newest.toFile());
            return Optional.of(new LastRun(newest, text(report, "outcome"), text(report, "finished_at")));
        } catch (IOException e) {
            return Optional.of(new LastRun(newest, null, null)); // being written, or damaged: name it anyway
        }
    }

    private static String text(JsonNode report, String field) {
        JsonNode value = report == null ? null : report.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Optional<LocalDate> datePrefix(String name, String suffix) {
        if (!name.endsWith(suffix)) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(name.substring(0, name.length() - suffix.length())));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(line -> !line.isBlank())
                .collect(Collectors.toList());
    }

    /** Regular files at most {@code depth} folders below {@code root}, skipping temporary files. */
    private static List<Path> files(Path root, int depth) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root, depth)) {
            return walk.filter(Files::isRegularFile).filter(path -> !AtomicFiles.isTemporary(path))
                    .collect(Collectors.toList());
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Bytes on disk under {@code root}; files that vanish meanwhile (a run replacing them) count 0. */
    private static long bytes(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).mapToLong(path -> {
                try {
                    return Files.size(path);
                } catch (NoSuchFileException e) {
                    return 0;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
