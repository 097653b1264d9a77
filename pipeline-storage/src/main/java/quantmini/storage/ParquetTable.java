package quantmini.storage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
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
import quantmini.core.io.AtomicFiles;

/**
 * Small tables (the metadata files) as lists of rows of plain values: String for Utf8, Long for
 * Int64 and for Timestamp (microseconds), Double, LocalDate for Date; null where a nullable
 * column is empty. Read with DuckDB, written atomically through {@link ParquetTableWriter}.
 */
final class ParquetTable {
    private ParquetTable() {}

    static List<Object[]> read(Path file, Schema schema) throws IOException {
        List<Object[]> rows = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return rows;
        }
        List<Field> fields = schema.getFields();
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < fields.size(); i++) {
            String column = '"' + fields.get(i).getName() + '"';
            sql.append(i == 0 ? "" : ", ");
            if (fields.get(i).getType() instanceof ArrowType.Date) {
                sql.append("date_diff('day', DATE '1970-01-01', ").append(column).append(")");
            } else if (fields.get(i).getType() instanceof ArrowType.Timestamp) {
                sql.append("epoch_us(").append(column).append(")");
            } else {
                sql.append(column);
            }
        }
        sql.append(" FROM read_parquet(").append(DuckDb.literal(file)).append(")");
        try (Connection connection = DuckDb.connect();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql.toString())) {
            while (result.next()) {
                Object[] row = new Object[fields.size()];
                for (int i = 0; i < row.length; i++) {
                    ArrowType type = fields.get(i).getType();
                    if (type instanceof ArrowType.Utf8) {
                        row[i] = result.getString(i + 1);
                    } else if (type instanceof ArrowType.FloatingPoint) {
                        row[i] = result.getDouble(i + 1);
                    } else if (type instanceof ArrowType.Date) {
                        row[i] = LocalDate.ofEpochDay(result.getLong(i + 1));
                    } else {
                        row[i] = result.getLong(i + 1);
                    }
                    if (result.wasNull()) {
                        row[i] = null;
                    }
                }
                rows.add(row);
            }
        } catch (SQLException e) {
            throw new IOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return rows;
    }

    static void write(Path file, Schema schema, List<Object[]> rows, BufferAllocator allocator) throws IOException {
        AtomicFiles.fill(file, temp -> {
            try (VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
                    ParquetTableWriter writer = ParquetTableWriter.open(temp, schema, ParquetOptions.table(java.util.Set.of()))) {
                root.allocateNew();
                for (int r = 0; r < rows.size(); r++) {
                    Object[] row = rows.get(r);
                    for (int i = 0; i < row.length; i++) {
                        set(root.getVector(i), r, row[i]);
                    }
                }
                root.setRowCount(rows.size());
                writer.writeAll(root);
            }
        });
    }

    /** Sets row {@code row} of {@code vector} to a value of the kind {@link #read} returns. */
    static void set(FieldVector vector, int row, Object value) {
        if (value == null) {
            if (!vector.getField().isNullable()) {
                throw new IllegalArgumentException("column " + vector.getName() + " must not be null");
            }
            return;
        }
        if (vector instanceof VarCharVector) {
            ((VarCharVector) vector).setSafe(row, ((String) value).getBytes(StandardCharsets.UTF_8));
        } else if (vector instanceof BigIntVector) {
            ((BigIntVector) vector).setSafe(row, (Long) value);
        } else if (vector instanceof Float8Vector) {
            ((Float8Vector) vector).setSafe(row, (Double) value);
        } else if (vector instanceof DateDayVector) {
            ((DateDayVector) vector).setSafe(row, (int) ((LocalDate) value).toEpochDay());
        } else if (vector instanceof TimeStampVector) {
            ((TimeStampVector) vector).setSafe(row, (Long) value);
        } else {
            throw new IllegalArgumentException("no value setter for column " + vector.getName());
        }
    }
}
