package quantmini.storage;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import quantmini.core.DataType;
import quantmini.core.io.AtomicFiles;

/**
 * The bronze layer's files (DESIGN.md §2): one Parquet file per trading day, or a closed month's
 * compacted {@code month.parquet}. {@link #replaceDay} makes re-ingesting a day idempotent
 * wherever its rows live.
 */
public final class BronzeStore {
    private static final int COPY_BATCH_ROWS = 65_536;

    private final LakeLayout layout;
    private final BufferAllocator allocator;
    private final Object monthLock = new Object();

    public BronzeStore(LakeLayout layout, BufferAllocator allocator) {
        this.layout = requireNonNull(layout, "layout is null");
        this.allocator = requireNonNull(allocator, "allocator is null");
    }

    /** Writes a day's rows into a temporary file and returns how many it wrote. */
    @FunctionalInterface
    public interface DayWriter {
        long write(Path temporaryFile) throws IOException;
    }

    public LakeLayout layout() {
        return layout;
    }

    /**
     * Replaces every bronze row of {@code date} with what {@code writer} writes. The new day file
     * is written completely first; only then is the day removed from a compacted month file
     * (rewritten atomically without it) and the day file renamed into place. A failure before
     * that leaves the lake as it was; a crash between the two renames leaves the day missing,
     * never doubled, and a rerun completes it. A day with no rows keeps no file.
     */
    public long replaceDay(DataType type, LocalDate date, DayWriter writer) throws IOException {
        requireNonNull(type, "type is null");
        requireNonNull(date, "date is null");
        requireNonNull(writer, "writer is null");
        Path dayFile = layout.bronzeFile(type, date);
        Path folder = dayFile.getParent();
        Files.createDirectories(folder);
        removeLeftovers(folder, dayFile.getFileName().toString());
        removeLeftovers(folder, "month.parquet");
        Path temp = Files.createTempFile(folder, "." + dayFile.getFileName() + ".", ".tmp");
        try {
            long rows = writer.write(temp);
            AtomicFiles.force(temp);
            // days of one month ingested in parallel would otherwise rewrite month.parquet from the
            // same old copy, and one rewrite would bring back the day the other removed
            synchronized (monthLock) {
                removeDayFromMonth(type, date);
                if (rows > 0) {
                    AtomicFiles.moveIntoPlace(temp, dayFile);
                } else {
                    Files.deleteIfExists(dayFile);
                }
            }
            return rows;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Deletes temporary files a killed run left beside {@code name} in {@code folder}, so that a
     * rerun ends with the lake of a clean run. Safe because one run at a time writes the lake
     * (the run lock) and within a run one worker writes a given day.
     */
    static void removeLeftovers(Path folder, String name) throws IOException {
        if (!Files.isDirectory(folder)) {
            return;
        }
        String prefix = "." + name + ".";
        try (java.util.stream.Stream<Path> files = Files.list(folder)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (AtomicFiles.isTemporary(file) && file.getFileName().toString().startsWith(prefix)) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    /** Rows per ticker that the lake holds for {@code date} now (day file or month file). */
    public Map<String, Long> tickerRows(DataType type, LocalDate date) throws IOException {
        Map<String, Long> rows = new LinkedHashMap<>();
        for (Path file : filesHolding(type, date)) {
            String sql = "SELECT ticker, count(*) FROM read_parquet(" + DuckDb.literal(file)
                    + ") WHERE date = ? GROUP BY ticker ORDER BY ticker";
            try (Connection connection = DuckDb.connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setObject(1, date);
                try (ResultSet result = statement.executeQuery()) {
                    while (result.next()) {
                        rows.merge(result.getString(1), result.getLong(2), Long::sum);
                    }
                }
            } catch (SQLException e) {
                throw new IOException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        return rows;
    }

    private Iterable<Path> filesHolding(DataType type, LocalDate date) {
        java.util.List<Path> files = new java.util.ArrayList<>();
        Path dayFile = layout.bronzeFile(type, date);
        if (Files.isRegularFile(dayFile)) {
            files.add(dayFile);
        }
        Path month = LakeLayout.compactedMonthFile(layout.bronzeRoot(type), date);
        if (Files.isRegularFile(month)) {
            files.add(month);
        }
        return files;
    }

    /** Rewrites the month file of {@code date} without that day's rows, if it holds any. */
    void removeDayFromMonth(DataType type, LocalDate date) throws IOException {
        Path month = LakeLayout.compactedMonthFile(layout.bronzeRoot(type), date);
        if (!Files.isRegularFile(month)) {
            return;
        }
        try (Connection connection = DuckDb.connect()) {
            long held;
            long kept;
            String counts = "SELECT count(*) FILTER (WHERE date = ?), count(*) FILTER (WHERE date <> ?) FROM read_parquet("
                    + DuckDb.literal(month) + ")";
            try (PreparedStatement statement = connection.prepareStatement(counts)) {
                statement.setObject(1, date);
                statement.setObject(2, date);
                try (ResultSet result = statement.executeQuery()) {
                    result.next();
                    held = result.getLong(1);
                    kept = result.getLong(2);
                }
            }
            if (held == 0) {
                return;
            }
            if (kept == 0) {
                Files.delete(month);
                return;
            }
            Schema schema = BronzeSchema.of(type);
            AtomicFiles.fill(month, temp -> copyRows(connection, month, date, schema, temp));
        } catch (SQLException e) {
            throw new IOException("cannot rewrite " + month + " without " + date + ": " + e.getMessage(), e);
        }
    }

    /** Copies the month's rows of other days, in their stored order, through the lake's writer. */
    private void copyRows(Connection connection, Path month, LocalDate date, Schema schema, Path target) throws IOException {
        StringBuilder select = new StringBuilder("SELECT ");
        for (int i = 0; i < schema.getFields().size(); i++) {
            Field field = schema.getFields().get(i);
            String column = '"' + field.getName() + '"';
            select.append(i == 0 ? "" : ", ");
            if (field.getType() instanceof ArrowType.Date) {
                select.append("CAST(date_diff('day', DATE '1970-01-01', ").append(column).append(") AS INTEGER)");
            } else if (field.getType() instanceof ArrowType.Timestamp) {
                select.append("epoch_us(").append(column).append(")");
            } else {
                select.append(column);
            }
        }
        select.append(" FROM read_parquet(").append(DuckDb.literal(month)).append(") WHERE date <> ?");
        try (PreparedStatement statement = connection.prepareStatement(select.toString());
                VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
                ParquetTableWriter writer = ParquetTableWriter.open(target, schema, ParquetOptions.bars())) {
            statement.setObject(1, date);
            try (ResultSet result = statement.executeQuery()) {
                int row = 0;
                root.allocateNew();
                while (result.next()) {
                    for (int i = 0; i < schema.getFields().size(); i++) {
                        set(root.getVector(i), row, result, i + 1);
                    }
                    if (++row == COPY_BATCH_ROWS) {
                        root.setRowCount(row);
                        writer.writeAll(root);
                        root.allocateNew();
                        row = 0;
                    }
                }
                root.setRowCount(row);
                writer.writeAll(root);
            }
        } catch (SQLException e) {
            throw new IOException("cannot read " + month + ": " + e.getMessage(), e);
        }
    }

    private static void set(FieldVector vector, int row, ResultSet result, int column) throws SQLException {
        if (vector instanceof VarCharVector) {
            ((VarCharVector) vector).setSafe(row, result.getString(column).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } else if (vector instanceof BigIntVector) {
            ((BigIntVector) vector).setSafe(row, result.getLong(column));
        } else if (vector instanceof Float8Vector) {
            ((Float8Vector) vector).setSafe(row, result.getDouble(column));
        } else if (vector instanceof DateDayVector) {
            ((DateDayVector) vector).setSafe(row, result.getInt(column));
        } else if (vector instanceof TimeStampVector) {
            ((TimeStampVector) vector).setSafe(row, result.getLong(column));
        } else {
            throw new IllegalArgumentException("no copy for column " + vector.getName());
        }
    }
}
