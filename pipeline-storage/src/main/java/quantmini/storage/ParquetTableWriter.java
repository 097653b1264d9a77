package quantmini.storage;

import static java.util.Objects.requireNonNull;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
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
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * The one Parquet writer of the lake: rows of Arrow vectors go into a Parquet file with ZSTD,
 * statistics and the page index, in the order the caller hands them over. Rows are written one
 * by one, so the caller decides the order (sorted runs, merges, filtered copies) without
 * building a new batch, and nothing is allocated per row.
 *
 * <p>It drives parquet-java's column writers directly, as its record writer does inside, but
 * without the record-assembly layer (a generic consumer that tracks fields per record): for flat
 * rows that layer only costs time. Row groups and pages are cut by row count, not by a memory
 * estimate, so equal schemas, options and row sequences give byte-identical files.
 *
 * <p>Supported Arrow types: Utf8, Int(32|64, signed), FloatingPoint(DOUBLE), Date(DAY),
 * Timestamp(MICROSECOND). Vectors are found in the handed-over root by field name, so a root may
 * carry extra columns (e.g. the source line numbers of the ingest) that are not written.
 */
public final class ParquetTableWriter implements Closeable {
    private static final int BINARY = 0;
    private static final int INT64 = 1;
    private static final int INT32 = 2;
    private static final int DOUBLE = 3;
    private static final int TIMESTAMP = 4;
    private static final int DATE = 5;
    /** Only used for padding to HDFS blocks, which a local file does not have. */
    private static final long NOMINAL_BLOCK_SIZE = 128L << 20;

    private final Schema schema;
    private final MessageType messageType;
    private final ParquetProperties properties;
    private final CompressionCodecFactory codecs;
    private final CompressionCodecFactory.BytesInputCompressor compressor;
    private final ParquetFileWriter file;
    private final int rowGroupRows;
    private final String[] names;
    private final boolean[] nullable;
    private final int[] kinds;
    private final byte[][] scratch;
    // the merge of the streaming mode alternates between a few roots: resolve each once
    private final Map<VectorSchemaRoot, FieldVector[]> bindings = new IdentityHashMap<>();
    private VectorSchemaRoot boundRoot;
    private FieldVector[] vectors;
    private ColumnChunkPageWriteStore pageStore;
    private ColumnWriteStore columnStore;
    private ColumnWriter[] columnWriters;
    private int rowGroupOrdinal;
    private long rowsInGroup;
    private long rows;

    private ParquetTableWriter(Path path, Schema schema, ParquetOptions options) throws IOException {
        this.schema = schema;
        this.messageType = toParquet(schema);
        ParquetProperties.Builder builder = ParquetProperties.builder()
                .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_2_0)
                .withPageRowCountLimit(options.pageRows())
                .withDictionaryEncoding(false)
                .withStatisticsEnabled(true);
        for (String column : options.dictionaryColumns()) {
            builder = builder.withDictionaryEncoding(column, true);
        }
        this.properties = builder.build();
        this.rowGroupRows = options.rowGroupRows();
        this.codecs = new ZstdCodecFactory(options.zstdLevel());
        this.compressor = codecs.getCompressor(CompressionCodecName.ZSTD);
        List<Field> fields = schema.getFields();
        int count = fields.size();
        this.names = new String[count];
        this.nullable = new boolean[count];
        this.kinds = new int[count];
        this.scratch = new byte[count][];
        for (int i = 0; i < count; i++) {
            Field field = fields.get(i);
            names[i] = field.getName();
            nullable[i] = field.isNullable();
            kinds[i] = kindOf(field.getType());
            scratch[i] = new byte[64];
        }
        this.file = new ParquetFileWriter(new LocalOutputFile(path), messageType, ParquetFileWriter.Mode.OVERWRITE,
                NOMINAL_BLOCK_SIZE, 0, null, properties);
        file.start();
        startRowGroup();
    }

    /** Opens {@code file} for writing, replacing what it holds (it is normally a temporary file). */
    public static ParquetTableWriter open(Path file, Schema schema, ParquetOptions options) throws IOException {
        requireNonNull(file, "file is null");
        requireNonNull(schema, "schema is null");
        requireNonNull(options, "options is null");
        return new ParquetTableWriter(file, schema, options);
    }

    public Schema schema() {
        return schema;
    }

    /** Writes row {@code row} of {@code root}. */
    public void write(VectorSchemaRoot root, int row) throws IOException {
        if (root != boundRoot) {
            bind(root);
        }
        FieldVector[] vs = vectors;
        ColumnWriter[] out = columnWriters;
        for (int i = 0; i < vs.length; i++) {
            FieldVector vector = vs[i];
            int definition = 0;
            if (nullable[i]) {
                if (vector.isNull(row)) {
                    out[i].writeNull(0, 0);
                    continue;
                }
                definition = 1;
            }
            switch (kinds[i]) {
                case BINARY:
                    out[i].write(binary(i, (BaseVariableWidthVector) vector, row), 0, definition);
                    break;
                case INT64:
                    out[i].write(((BigIntVector) vector).get(row), 0, definition);
                    break;
                case DOUBLE:
                    out[i].write(((Float8Vector) vector).get(row), 0, definition);
                    break;
                case TIMESTAMP:
                    out[i].write(((TimeStampVector) vector).get(row), 0, definition);
                    break;
                case DATE:
                    out[i].write(((DateDayVector) vector).get(row), 0, definition);
                    break;
                default:
                    out[i].write(((IntVector) vector).get(row), 0, definition);
            }
        }
        columnStore.endRecord();
        rows++;
        if (++rowsInGroup == rowGroupRows) {
            finishRowGroup();
            startRowGroup();
        }
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
        try {
            finishRowGroup();
            file.end(Map.of());
        } finally {
            file.close();
            codecs.release();
        }
    }

    private void startRowGroup() {
        pageStore = ColumnChunkPageWriteStore.builder()
                .withCompressorProvider(column -> compressor)
                .withSchema(messageType)
                .withAllocator(properties.getAllocator())
                .withColumnIndexTruncateLength(properties.getColumnIndexTruncateLength())
                .withPageWriteChecksumEnabled(properties.getPageWriteChecksumEnabled())
                .withRowGroupOrdinal(rowGroupOrdinal)
                .build();
        columnStore = properties.newColumnWriteStore(messageType, pageStore, pageStore);
        columnWriters = new ColumnWriter[names.length];
        for (int i = 0; i < names.length; i++) {
            columnWriters[i] = columnStore.getColumnWriter(messageType.getColumns().get(i));
        }
        rowsInGroup = 0;
    }

    /** What parquet-java's record writer does at the end of a group: pages, then the chunks. */
    private void finishRowGroup() throws IOException {
        if (rowsInGroup > 0) {
            file.startBlock(rowsInGroup);
            columnStore.flush();
            pageStore.flushToFileWriter(file);
            file.endBlock();
            rowGroupOrdinal++;
        }
        pageStore.close();
        rowsInGroup = 0;
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
        // the column writer copies a reused binary where it keeps it (dictionary, statistics)
        return Binary.fromReusedByteArray(buffer, 0, length);
    }

    private void bind(VectorSchemaRoot root) {
        FieldVector[] known = bindings.get(root);
        if (known == null) {
            List<Field> fields = schema.getFields();
            known = new FieldVector[fields.size()];
            for (int i = 0; i < known.length; i++) {
                Field field = fields.get(i);
                FieldVector vector = root.getVector(field.getName());
                if (vector == null) {
                    throw new IllegalArgumentException("the batch has no column " + field.getName());
                }
                if (!vector.getField().getType().equals(field.getType())) {
                    throw new IllegalArgumentException("column " + field.getName() + " is " + vector.getField().getType()
                            + ", the file wants " + field.getType());
                }
                known[i] = vector;
            }
            bindings.put(root, known);
        }
        vectors = known;
        boundRoot = root;
    }

    private static int kindOf(ArrowType type) {
        if (type instanceof ArrowType.Utf8) {
            return BINARY;
        } else if (type instanceof ArrowType.Int) {
            return ((ArrowType.Int) type).getBitWidth() == 64 ? INT64 : INT32;
        } else if (type instanceof ArrowType.FloatingPoint) {
            return DOUBLE;
        } else if (type instanceof ArrowType.Timestamp) {
            return TIMESTAMP;
        }
        return DATE;
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
}
