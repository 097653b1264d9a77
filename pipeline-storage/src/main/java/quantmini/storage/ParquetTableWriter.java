package quantmini.storage;

import static java.util.Objects.requireNonNull;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;
import quantmini.core.Preconditions;

/**
 * The one Parquet writer of the lake: rows of Arrow vectors go into a Parquet file with ZSTD,
 * statistics and the page index, in the order the caller hands them over. Rows are handed over
 * one by one, so the caller decides the order (sorted runs, merges, filtered copies) without
 * building a new batch, or as a range of a batch already in order, which is copied a column at a
 * time.
 *
 * <p>A row group is gathered column by column in plain Java arrays ({@link ColumnBuffer}) and
 * encoded once complete, a column at a time, into data pages v2 that go to parquet-java's page
 * store (which compresses them and builds the column and offset indexes) and file writer. The
 * encodings are those of parquet-java's v2 writer: DELTA_BINARY_PACKED integers, PLAIN doubles,
 * DELTA_BYTE_ARRAY strings, RLE_DICTIONARY for the dictionary columns. Row groups and pages are
 * cut by row count, not by a memory estimate, so equal schemas, options and row sequences give
 * byte-identical files.
 *
 * <p>Supported Arrow types: Utf8, Int(32|64, signed), FloatingPoint(DOUBLE), Date(DAY),
 * Timestamp(MICROSECOND). Vectors are found in the handed-over root by field name, so a root may
 * carry extra columns (e.g. the source line numbers of the ingest) that are not written.
 */
public final class ParquetTableWriter implements Closeable {
    /** Only used for padding to HDFS blocks, which a local file does not have. */
    private static final long NOMINAL_BLOCK_SIZE = 128L << 20;

    private final Schema schema;
    private final MessageType messageType;
    private final ParquetProperties properties;
    private final CompressionCodecFactory codecs;
    private final CompressionCodecFactory.BytesInputCompressor compressor;
    private final ParquetFileWriter file;
    private final int rowGroupRows;
    private final int pageRows;
    private final ColumnBuffer[] columns;
    // the merge of the streaming mode alternates between a few roots: resolve each once
    private final Map<VectorSchemaRoot, FieldVector[]> bindings = new IdentityHashMap<>();
    private VectorSchemaRoot boundRoot;
    private FieldVector[] vectors;
    private int rowGroupOrdinal;
    private int rowsInGroup;
    private long rows;

    private ParquetTableWriter(Path path, Schema schema, ParquetOptions options) throws IOException {
        this.schema = schema;
        this.messageType = toParquet(schema);
        this.properties = ParquetProperties.builder()
                .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_2_0)
                .withPageRowCountLimit(options.pageRows())
                .withStatisticsEnabled(true)
                .build();
        this.rowGroupRows = options.rowGroupRows();
        this.pageRows = options.pageRows();
        this.codecs = new ZstdCodecFactory(options.zstdLevel());
        this.compressor = codecs.getCompressor(CompressionCodecName.ZSTD);
        List<Field> fields = schema.getFields();
        this.columns = new ColumnBuffer[fields.size()];
        for (int i = 0; i < columns.length; i++) {
            Field field = fields.get(i);
            columns[i] = buffer(field, messageType.getColumns().get(i).getPrimitiveType(),
                    options.dictionaryColumns().contains(field.getName()));
        }
        this.file = new ParquetFileWriter(new LocalOutputFile(path), messageType, ParquetFileWriter.Mode.OVERWRITE,
                NOMINAL_BLOCK_SIZE, 0, null, properties);
        file.start();
    }

    private ColumnBuffer buffer(Field field, PrimitiveType type, boolean dictionary) {
        int slab = properties.getInitialSlabSize();
        int page = properties.getPageSizeThreshold();
        switch (type.getPrimitiveTypeName()) {
            case BINARY:
                return new BinaryColumnBuffer(type, field.isNullable(), dictionary, properties.getDictionaryPageSizeThreshold(),
                        properties.getAllocator(), slab, page);
            case DOUBLE:
                return new DoubleColumnBuffer(type, field.isNullable(), properties.getAllocator(), page);
            default:
                return new IntegerColumnBuffer(type, field.isNullable(), properties.getAllocator(), slab, page);
        }
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
        ColumnBuffer[] out = columns;
        for (int i = 0; i < vs.length; i++) {
            out[i].append(vs[i], row);
        }
        rows++;
        if (++rowsInGroup == rowGroupRows) {
            writeRowGroup();
        }
    }

    /** Writes rows [{@code from}, {@code to}) of {@code root} in their order: column by column, faster than row by row. */
    public void write(VectorSchemaRoot root, int from, int to) throws IOException {
        Preconditions.checkArgument(0 <= from && from <= to && to <= root.getRowCount(),
                "rows [%s, %s) are not within the %s rows of the batch", from, to, root.getRowCount());
        if (root != boundRoot) {
            bind(root);
        }
        while (from < to) {
            int count = Math.min(to - from, rowGroupRows - rowsInGroup);
            for (int i = 0; i < vectors.length; i++) {
                columns[i].appendRange(vectors[i], from, from + count);
            }
            from += count;
            rows += count;
            rowsInGroup += count;
            if (rowsInGroup == rowGroupRows) {
                writeRowGroup();
            }
        }
    }

    /** Writes every row of {@code root} in its order. */
    public void writeAll(VectorSchemaRoot root) throws IOException {
        write(root, 0, root.getRowCount());
    }

    public long rowsWritten() {
        return rows;
    }

    @Override
    public void close() throws IOException {
        try {
            writeRowGroup();
            file.end(Map.of());
        } finally {
            file.close();
            for (ColumnBuffer column : columns) {
                column.close();
            }
            codecs.release();
        }
    }

    /** The rows gathered so far as one row group: each column's pages, then the chunks in schema order. */
    private void writeRowGroup() throws IOException {
        if (rowsInGroup == 0) {
            return;
        }
        ColumnChunkPageWriteStore pages = ColumnChunkPageWriteStore.builder()
                .withCompressorProvider(column -> compressor)
                .withSchema(messageType)
                .withAllocator(properties.getAllocator())
                .withColumnIndexTruncateLength(properties.getColumnIndexTruncateLength())
                .withPageWriteChecksumEnabled(properties.getPageWriteChecksumEnabled())
                .withRowGroupOrdinal(rowGroupOrdinal)
                .build();
        try {
            List<ColumnDescriptor> descriptors = messageType.getColumns();
            for (int i = 0; i < columns.length; i++) {
                columns[i].writeChunk(pages.getPageWriter(descriptors.get(i)), pageRows);
            }
            file.startBlock(rowsInGroup);
            pages.flushToFileWriter(file);
            file.endBlock();
        } finally {
            pages.close();
        }
        rowGroupOrdinal++;
        rowsInGroup = 0;
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
