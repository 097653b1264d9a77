package quantmini.storage;

import static java.util.Objects.requireNonNull;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * The one Parquet writer of the lake: rows of Arrow vectors go into a Parquet file with ZSTD,
 * statistics and the page index, in the order the caller hands them over. Rows are written one
 * by one through a reused cursor, so writing allocates nothing per row and the caller decides
 * the order (sorted runs, merges, filtered copies) without building a new batch.
 *
 * <p>Equal schemas, options and row sequences give byte-identical files: row groups and pages
 * are cut by row count, not by a memory estimate.
 *
 * <p>Supported Arrow types: Utf8, Int(32|64, signed), FloatingPoint(DOUBLE), Date(DAY),
 * Timestamp(MICROSECOND). Vectors are found in the handed-over root by field name, so a root may
 * carry extra columns (e.g. the source line numbers of the ingest) that are not written.
 */
public final class ParquetTableWriter implements Closeable {
    private final Schema schema;
    private final ParquetWriter<Cursor> writer;
    private final Cursor cursor = new Cursor();
    private long rows;

    private ParquetTableWriter(Schema schema, ParquetWriter<Cursor> writer) {
        this.schema = schema;
        this.writer = writer;
    }

    /** Opens {@code file} for writing, replacing what it holds (it is normally a temporary file). */
    public static ParquetTableWriter open(Path file, Schema schema, ParquetOptions options) throws IOException {
        requireNonNull(file, "file is null");
        requireNonNull(schema, "schema is null");
        requireNonNull(options, "options is null");
        MessageType messageType = toParquet(schema);
        ColumnsWriteSupport support = new ColumnsWriteSupport(schema, messageType);
        Builder builder = new Builder(new LocalOutputFile(file), support)
                .withConf(new PlainParquetConfiguration())
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .withCodecFactory(new ZstdCodecFactory(options.zstdLevel()))
                .withCompressionCodec(CompressionCodecName.ZSTD)
                .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_2_0)
                // a byte limit far above any group, so that the row count alone cuts groups
                .withRowGroupSize(Long.MAX_VALUE / 4)
                .withRowGroupRowCountLimit(options.rowGroupRows())
                .withPageRowCountLimit(options.pageRows())
                .withStatisticsEnabled(true)
                .withDictionaryEncoding(false)
                .withMaxPaddingSize(0)
                .withValidation(false);
        for (String column : options.dictionaryColumns()) {
            builder = builder.withDictionaryEncoding(column, true);
        }
        return new ParquetTableWriter(schema, builder.build());
    }

    public Schema schema() {
        return schema;
    }

    /** Writes row {@code row} of {@code root}. */
    public void write(VectorSchemaRoot root, int row) throws IOException {
        cursor.root = root;
        cursor.row = row;
        writer.write(cursor);
        rows++;
    }

    /** Writes every row of {@code root} in its order. */
    public void writeAll(VectorSchemaRoot root) throws IOException {
        int count = root.getRowCount();
        for (int i = 0; i < count; i++) {
            write(root, i);
        }
    }

    public long rowsWritten() {
        return rows;
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }

    static MessageType toParquet(Schema schema) {
        Types.MessageTypeBuilder message = Types.buildMessage();
        for (Field field : schema.getFields()) {
            Type.Repetition repetition = field.isNullable() ? Type.Repetition.OPTIONAL : Type.Repetition.REQUIRED;
            ArrowType type = field.getType();
            Type parquetType;
            if (type instanceof ArrowType.Utf8) {
                parquetType = Types.primitive(PrimitiveTypeName.BINARY, repetition)
                        .as(LogicalTypeAnnotation.stringType()).named(field.getName());
            } else if (type instanceof ArrowType.Int && ((ArrowType.Int) type).getIsSigned()
                    && ((ArrowType.Int) type).getBitWidth() == 64) {
                parquetType = Types.primitive(PrimitiveTypeName.INT64, repetition).named(field.getName());
            } else if (type instanceof ArrowType.Int && ((ArrowType.Int) type).getIsSigned()
                    && ((ArrowType.Int) type).getBitWidth() == 32) {
                parquetType = Types.primitive(PrimitiveTypeName.INT32, repetition).named(field.getName());
            } else if (type instanceof ArrowType.FloatingPoint
                    && ((ArrowType.FloatingPoint) type).getPrecision() == FloatingPointPrecision.DOUBLE) {
                parquetType = Types.primitive(PrimitiveTypeName.DOUBLE, repetition).named(field.getName());
            } else if (type instanceof ArrowType.Date && ((ArrowType.Date) type).getUnit() == DateUnit.DAY) {
                parquetType = Types.primitive(PrimitiveTypeName.INT32, repetition)
                        .as(LogicalTypeAnnotation.dateType()).named(field.getName());
            } else if (type instanceof ArrowType.Timestamp && ((ArrowType.Timestamp) type).getUnit() == TimeUnit.MICROSECOND) {
                boolean utc = ((ArrowType.Timestamp) type).getTimezone() != null;
                parquetType = Types.primitive(PrimitiveTypeName.INT64, repetition)
                        .as(LogicalTypeAnnotation.timestampType(utc, LogicalTypeAnnotation.TimeUnit.MICROS))
                        .named(field.getName());
            } else {
                throw new IllegalArgumentException("column " + field.getName() + " has a type the writer does not support: " + type);
            }
            message.addField(parquetType);
        }
        return message.named("schema");
    }

    /** The row being written; one instance per writer, moved from row to row. */
    static final class Cursor {
        VectorSchemaRoot root;
        int row;
    }

    private static final class Builder extends ParquetWriter.Builder<Cursor, Builder> {
        private final ColumnsWriteSupport support;

        Builder(LocalOutputFile file, ColumnsWriteSupport support) {
            super(file);
            this.support = support;
        }

        @Override
        protected Builder self() {
            return this;
        }

        // abstract in parquet-java, though deprecated: it must be implemented
        @SuppressWarnings("deprecation")
        @Override
        protected WriteSupport<Cursor> getWriteSupport(Configuration conf) {
            return support;
        }

        @Override
        protected WriteSupport<Cursor> getWriteSupport(ParquetConfiguration conf) {
            return support;
        }
    }

    /** Turns the cursor's row into record-consumer calls, one column after the other. */
    private static final class ColumnsWriteSupport extends WriteSupport<Cursor> {
        private static final int BINARY = 0;
        private static final int INT64 = 1;
        private static final int INT32 = 2;
        private static final int DOUBLE = 3;
        private static final int TIMESTAMP = 4;
        private static final int DATE = 5;

        private final List<Field> fields;
        private final MessageType messageType;
        // per column, resolved once: the per-row loop only switches on an int
        private final String[] names;
        private final boolean[] nullable;
        private final int[] kinds;
        // the merge of the streaming mode alternates between a few roots: bind each once
        private final java.util.Map<VectorSchemaRoot, FieldVector[]> bindings = new java.util.IdentityHashMap<>();
        private FieldVector[] vectors;
        private final byte[][] scratch;
        private VectorSchemaRoot boundRoot;
        private RecordConsumer consumer;

        ColumnsWriteSupport(Schema schema, MessageType messageType) {
            this.fields = schema.getFields();
            this.messageType = messageType;
            int count = fields.size();
            this.names = new String[count];
            this.nullable = new boolean[count];
            this.kinds = new int[count];
            for (int i = 0; i < count; i++) {
                Field field = fields.get(i);
                names[i] = field.getName();
                nullable[i] = field.isNullable();
                ArrowType type = field.getType();
                if (type instanceof ArrowType.Utf8) {
                    kinds[i] = BINARY;
                } else if (type instanceof ArrowType.Int) {
                    kinds[i] = ((ArrowType.Int) type).getBitWidth() == 64 ? INT64 : INT32;
                } else if (type instanceof ArrowType.FloatingPoint) {
                    kinds[i] = DOUBLE;
                } else if (type instanceof ArrowType.Timestamp) {
                    kinds[i] = TIMESTAMP;
                } else {
                    kinds[i] = DATE;
                }
            }
            this.scratch = new byte[fields.size()][];
            for (int i = 0; i < scratch.length; i++) {
                scratch[i] = new byte[64];
            }
        }

        // abstract in parquet-java, though deprecated: it must be implemented
        @SuppressWarnings("deprecation")
        @Override
        public WriteContext init(Configuration configuration) {
            return new WriteContext(messageType, java.util.Map.of());
        }

        @Override
        public WriteContext init(ParquetConfiguration configuration) {
            return new WriteContext(messageType, java.util.Map.of());
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            this.consumer = recordConsumer;
        }

        @Override
        public void write(Cursor cursor) {
            if (cursor.root != boundRoot) {
                bind(cursor.root);
            }
            int row = cursor.row;
            RecordConsumer out = consumer;
            out.startMessage();
            for (int i = 0; i < vectors.length; i++) {
                FieldVector vector = vectors[i];
                if (nullable[i] && vector.isNull(row)) {
                    continue;
                }
                String name = names[i];
                out.startField(name, i);
                switch (kinds[i]) {
                    case BINARY:
                        out.addBinary(binary(i, (BaseVariableWidthVector) vector, row));
                        break;
                    case INT64:
                        out.addLong(((BigIntVector) vector).get(row));
                        break;
                    case DOUBLE:
                        out.addDouble(((Float8Vector) vector).get(row));
                        break;
                    case TIMESTAMP:
                        out.addLong(((TimeStampVector) vector).get(row));
                        break;
                    case DATE:
                        out.addInteger(((DateDayVector) vector).get(row));
                        break;
                    default:
                        out.addInteger(((IntVector) vector).get(row));
                }
                out.endField(name, i);
            }
            out.endMessage();
        }

        private Binary binary(int column, BaseVariableWidthVector vector, int row) {
            long start = vector.getStartOffset(row);
            int length = vector.getValueLength(row);
            byte[] buffer = scratch[column];
            if (buffer.length < length) {
                buffer = new byte[Math.max(length, buffer.length * 2)];
                scratch[column] = buffer;
            }
            ArrowBuf data = vector.getDataBuffer();
            data.getBytes(start, buffer, 0, length);
            // the writer copies a reused binary where it keeps it (dictionary, statistics)
            return Binary.fromReusedByteArray(buffer, 0, length);
        }

        private void bind(VectorSchemaRoot root) {
            FieldVector[] known = bindings.get(root);
            if (known != null) {
                vectors = known;
                boundRoot = root;
                return;
            }
            vectors = new FieldVector[fields.size()];
            for (int i = 0; i < vectors.length; i++) {
                Field field = fields.get(i);
                FieldVector vector = root.getVector(field.getName());
                if (vector == null) {
                    throw new IllegalArgumentException("the batch has no column " + field.getName());
                }
                if (!vector.getField().getType().equals(field.getType())) {
                    throw new IllegalArgumentException("column " + field.getName() + " is " + vector.getField().getType()
                            + ", the file wants " + field.getType());
                }
                vectors[i] = vector;
            }
            bindings.put(root, vectors);
            boundRoot = root;
        }
    }
}
