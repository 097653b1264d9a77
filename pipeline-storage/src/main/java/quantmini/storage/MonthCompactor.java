package quantmini.storage;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import quantmini.core.io.AtomicFiles;
import quantmini.core.io.FileTrees;

/**
 * Merges the day files of closed months into {@code year=YYYY/month=MM/month.parquet}
 * (DESIGN.md §2) so that readers see the same rows before and after, also after a crash.
 *
 * <p>A partition moves through these steps; {@code .compacting/} is hidden from readers, who
 * glob {@code year=*}/{@code month=*}/{@code *.parquet}, and files in it never end in
 * {@code .parquet}:
 * <ol>
 *   <li>the merged rows are written to {@code .compacting/month.parquet.partial}, checked against
 *       their sources with DuckDB (rows and a hash over all columns per date, both ways, and the
 *       same columns) and forced to disk, then renamed to {@code .compacting/month.parquet.ready};
 *   <li>the merged day files are moved into {@code .compacting/} as {@code DATE.parquet.merged}
 *       (readers now miss those days for a moment, but never see them twice);
 *   <li>{@code ready} is renamed over {@code month.parquet};
 *   <li>{@code .compacting/} is deleted.
 * </ol>
 * {@link #recover} reads which step a killed run reached from what is left: a {@code ready}
 * file means step 3 did not happen, so the moved day files go back (a day re-ingested since
 * keeps its new file) and the old {@code month.parquet} is still in place: a roll back; no
 * {@code ready} but moved day files means the new month file is in place and they are
 * redundant. Either way the partition then holds each row once.
 */
public final class MonthCompactor {
    static final String MONTH_FILE = "month.parquet";
    static final String WORK_FOLDER = ".compacting";
    static final String PARTIAL = "month.parquet.partial";
    static final String READY = "month.parquet.ready";
    static final String MERGED_SUFFIX = ".merged";

    private static final Pattern DAY_FILE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}\\.parquet");
    private static final Pattern YEAR = Pattern.compile("year=(\\d{4})");
    private static final Pattern MONTH = Pattern.compile("month=(\\d{2})");

    /** The points between steps, where tests stop a compaction as a crash would. */
    public enum Step { VERIFIED, DAYS_MOVED, MONTH_RENAMED }

    /** Called after each step; throwing stops the compaction there, as a kill would. */
    @FunctionalInterface
    interface StepListener {
        void reached(Step step, Path partition) throws IOException;
    }

    private final StepListener listener;

    public MonthCompactor() {
        this((step, partition) -> { });
    }

    MonthCompactor(StepListener listener) {
        this.listener = requireNonNull(listener, "listener is null");
    }

    /**
     * Repairs what killed runs left in any partition of {@code layerRoot}, then compacts every
     * month before {@code before} that has day files.
     */
    public List<MonthCompaction> compactLayer(Path layerRoot, YearMonth before) throws IOException {
        requireNonNull(layerRoot, "layerRoot is null");
        requireNonNull(before, "before is null");
        List<MonthCompaction> done = new ArrayList<>();
        for (Path partition : partitions(layerRoot)) {
            recover(partition);
            Optional<YearMonth> month = monthOf(partition);
            if (month.isPresent() && month.get().isBefore(before)) {
                compactMonth(partition).ifPresent(done::add);
            }
        }
        return done;
    }

    /** The {@code year=YYYY/month=MM} folders under {@code layerRoot}, in month order. */
    public static List<Path> partitions(Path layerRoot) throws IOException {
        if (!Files.isDirectory(layerRoot)) {
            return List.of();
        }
        List<Path> partitions = new ArrayList<>();
        try (Stream<Path> years = Files.list(layerRoot)) {
            for (Path year : years.filter(Files::isDirectory).sorted().toList()) {
                if (!YEAR.matcher(year.getFileName().toString()).matches()) {
                    continue;
                }
                try (Stream<Path> months = Files.list(year)) {
                    months.filter(Files::isDirectory).filter(p -> monthOf(p).isPresent()).sorted().forEach(partitions::add);
                }
            }
        }
        return partitions;
    }

    /** The month a {@code year=YYYY/month=MM} folder holds, if it is one. */
    public static Optional<YearMonth> monthOf(Path partition) {
        Path parent = partition.getParent();
        if (parent == null) {
            return Optional.empty();
        }
        Matcher year = YEAR.matcher(parent.getFileName().toString());
        Matcher month = MONTH.matcher(partition.getFileName().toString());
        if (!year.matches() || !month.matches()) {
            return Optional.empty();
        }
        int m = Integer.parseInt(month.group(1));
        return m >= 1 && m <= 12 ? Optional.of(YearMonth.of(Integer.parseInt(year.group(1)), m)) : Optional.empty();
    }

    /** Whether a killed compaction left work in {@code partition}. */
    public static boolean interrupted(Path partition) {
        return Files.isDirectory(partition.resolve(WORK_FOLDER));
    }

    /**
     * Finishes or rolls back a compaction a killed run left in {@code partition}; returns
     * whether there was one. Needs the run lock, like every write.
     */
    public boolean recover(Path partition) throws IOException {
        Path work = partition.resolve(WORK_FOLDER);
        if (!Files.isDirectory(work)) {
            return false;
        }
        boolean rollBack = Files.exists(work.resolve(READY));
        for (Path moved : list(work)) {
            String name = moved.getFileName().toString();
            if (rollBack && name.endsWith(MERGED_SUFFIX)) {
                Path back = partition.resolve(name.substring(0, name.length() - MERGED_SUFFIX.length()));
                if (!Files.exists(back)) {
                    // a day ingested again since the crash has its own, newer file: keep that one
                    Files.move(moved, back, StandardCopyOption.ATOMIC_MOVE);
                }
            }
        }
        FileTrees.deleteRecursively(work);
        return true;
    }

    /**
     * Compacts one partition: its day files and any earlier {@code month.parquet} become one
     * {@code month.parquet}. Empty when there are no day files (already compacted).
     */
    public Optional<MonthCompaction> compactMonth(Path partition) throws IOException {
        requireNonNull(partition, "partition is null");
        YearMonth month = monthOf(partition)
                .orElseThrow(() -> new IllegalArgumentException("not a month partition: " + partition));
        recover(partition);
        List<Path> days = dayFiles(partition);
        if (days.isEmpty()) {
            return Optional.empty();
        }
        Path monthFile = partition.resolve(MONTH_FILE);
        List<Path> sources = new ArrayList<>(days);
        if (Files.isRegularFile(monthFile)) {
            sources.add(monthFile);
        }
        long bytesBefore = 0;
        for (Path source : sources) {
            bytesBefore += Files.size(source);
        }
        Path work = Files.createDirectories(partition.resolve(WORK_FOLDER));
        Path partial = work.resolve(PARTIAL);
        Path ready = work.resolve(READY);
        long rows;
        try (Connection duckdb = DuckDb.connect()) {
            write(duckdb, sources, partial);
            rows = verify(duckdb, sources, partial);
        } catch (SQLException e) {
            FileTrees.deleteRecursively(work);
            throw new IOException("cannot compact " + partition + ": " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            FileTrees.deleteRecursively(work);
            throw e;
        }
        AtomicFiles.force(partial);
        Files.move(partial, ready, StandardCopyOption.ATOMIC_MOVE);
        listener.reached(Step.VERIFIED, partition);
        for (Path day : days) {
            Files.move(day, work.resolve(day.getFileName() + MERGED_SUFFIX), StandardCopyOption.ATOMIC_MOVE);
        }
        listener.reached(Step.DAYS_MOVED, partition);
        AtomicFiles.moveIntoPlace(ready, monthFile);
        listener.reached(Step.MONTH_RENAMED, partition);
        FileTrees.deleteRecursively(work);
        return Optional.of(new MonthCompaction(partition, month, sources.size(), rows, bytesBefore, Files.size(monthFile)));
    }

    /** The day files ({@code YYYY-MM-DD.parquet}) of a partition, by date. */
    public static List<Path> dayFiles(Path partition) throws IOException {
        return list(partition).stream()
                .filter(p -> DAY_FILE.matcher(p.getFileName().toString()).matches() && Files.isRegularFile(p))
                .toList();
    }

    /**
     * Writes the sources' rows, each day's rows contiguous and in their stored order (the
     * writer's sort), so readers that scan a day see what the day file gave them.
     */
    private static void write(Connection duckdb, List<Path> sources, Path target) throws SQLException {
        String sql = "COPY (SELECT * EXCLUDE (filename, file_row_number) FROM " + read(sources, true)
                + " ORDER BY date, filename, file_row_number) TO " + DuckDb.literal(target)
                + " (FORMAT PARQUET, COMPRESSION ZSTD)";
        try (Statement statement = duckdb.createStatement()) {
            statement.execute(sql);
        }
    }

    /**
     * Checks that {@code written} holds exactly the sources' rows: the same columns and types,
     * and per date the same row count and sum of row hashes, compared both ways. Returns the rows.
     */
    private static long verify(Connection duckdb, List<Path> sources, Path written) throws SQLException, IOException {
        List<Column> sourceColumns = columns(duckdb, read(sources, false));
        List<Column> writtenColumns = columns(duckdb, read(List.of(written), false));
        if (!sourceColumns.equals(writtenColumns)) {
            throw new IOException("the merged file's columns " + writtenColumns + " differ from " + sourceColumns);
        }
        StringBuilder hashed = new StringBuilder();
        for (Column column : sourceColumns) {
            hashed.append(hashed.length() == 0 ? "" : ", ").append('"').append(column.name().replace("\"", "\"\"")).append('"');
        }
        String perDate = "SELECT date, count(*) AS n, sum(hash(" + hashed + ")::HUGEINT) AS h FROM %s GROUP BY date";
        String a = String.format(perDate, read(sources, false));
        String b = String.format(perDate, read(List.of(written), false));
        String sql = "WITH a AS (" + a + "), b AS (" + b + ") SELECT"
                + " (SELECT count(*) FROM (SELECT * FROM a EXCEPT SELECT * FROM b)),"
                + " (SELECT count(*) FROM (SELECT * FROM b EXCEPT SELECT * FROM a)),"
                + " (SELECT coalesce(sum(n), 0) FROM a), (SELECT coalesce(sum(n), 0) FROM b)";
        try (Statement statement = duckdb.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            result.next();
            long missing = result.getLong(1);
            long extra = result.getLong(2);
            long sourceRows = result.getLong(3);
            long writtenRows = result.getLong(4);
            if (missing != 0 || extra != 0 || sourceRows != writtenRows) {
                throw new IOException(String.format("the merged file differs from its sources: %d dates missing or changed,"
                        + " %d extra, %d rows written of %d", missing, extra, writtenRows, sourceRows));
            }
            return writtenRows;
        }
    }

    /** A column as DuckDB describes it. */
    private record Column(String name, String type) {
        @Override
        public String toString() {
            return name + " " + type;
        }
    }

    private static List<Column> columns(Connection duckdb, String relation) throws SQLException {
        List<Column> columns = new ArrayList<>();
        try (Statement statement = duckdb.createStatement();
                ResultSet result = statement.executeQuery("DESCRIBE SELECT * FROM " + relation)) {
            while (result.next()) {
                columns.add(new Column(result.getString("column_name"), result.getString("column_type")));
            }
        }
        return columns;
    }

    /** Reads Parquet files without Hive columns: {@code year=}/{@code month=} are folders, not data. */
    private static String read(List<Path> files, boolean withRowOrigin) {
        StringBuilder list = new StringBuilder();
        for (Path file : files) {
            list.append(list.length() == 0 ? "" : ", ").append(DuckDb.literal(file));
        }
        return "read_parquet([" + list + "], hive_partitioning = false"
                + (withRowOrigin ? ", filename = true, file_row_number = true" : "") + ")";
    }

    private static List<Path> list(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.sorted().toList();
        }
    }
}
