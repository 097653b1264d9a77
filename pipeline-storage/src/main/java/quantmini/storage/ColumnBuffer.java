package quantmini.storage;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import org.apache.arrow.vector.FieldVector;
import org.apache.parquet.bytes.ByteBufferAllocator;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageWriter;
import org.apache.parquet.column.statistics.SizeStatistics;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridEncoder;
import org.apache.parquet.schema.PrimitiveType;

/**
 * One column of the row group being written, held as plain Java values until the group is
 * complete, then encoded page by page. Encoding a whole column at once keeps each loop on one
 * type, and lets a column see its values before choosing how to write them (statistics from one
 * pass over primitives, a string compared once per run of equal values instead of once per row).
 *
 * <p>Pages are Parquet data pages v2 (no repetition levels, definition levels only for a nullable
 * column), each with its statistics and size statistics, so parquet-java's page store builds the
 * column index and offset index from them as it would for its own column writers.
 */
abstract class ColumnBuffer {
    private static final int INITIAL_ROWS = 1024;

    final PrimitiveType type;
    final ByteBufferAllocator allocator;
    final int pageSizeHint;
    private final boolean nullable;
    /** Per row, true where the value is null; null itself when the column is required. */
    boolean[] nulls;
    int rows;

    ColumnBuffer(PrimitiveType type, boolean nullable, ByteBufferAllocator allocator, int pageSizeHint) {
        this.type = type;
        this.nullable = nullable;
        this.allocator = allocator;
        this.pageSizeHint = pageSizeHint;
        this.nulls = nullable ? new boolean[0] : null;
    }

    /** Appends row {@code row} of {@code vector} (whose type the writer checked). */
    final void append(FieldVector vector, int row) {
        if (rows == capacity()) {
            reserve(rows + 1);
        }
        if (nullable && vector.isNull(row)) {
            nulls[rows++] = true;
            return;
        }
        if (nulls != null) {
            nulls[rows] = false;
        }
        appendValue(vector, row, rows++);
    }

    /** Appends rows [{@code from}, {@code to}) of {@code vector} in their order, a column-long loop instead of a call per value. */
    final void appendRange(FieldVector vector, int from, int to) {
        int count = to - from;
        if (rows + count > capacity()) {
            reserve(rows + count);
        }
        if (nulls != null) {
            for (int i = 0; i < count; i++) {
                nulls[rows + i] = vector.isNull(from + i);
            }
        }
        appendValues(vector, from, to, rows);
        rows += count;
    }

    private void reserve(int needed) {
        int capacity = Math.max(INITIAL_ROWS, Math.max(needed, rows * 2));
        grow(capacity);
        if (nulls != null) {
            nulls = Arrays.copyOf(nulls, capacity);
        }
    }

    /** Writes the rows held so far as one column chunk, in pages of at most {@code pageRows}, and empties the buffer. */
    final void writeChunk(PageWriter out, int pageRows) throws IOException {
        startChunk(pageRows);
        for (int from = 0; from < rows; from += pageRows) {
            int to = Math.min(rows, from + pageRows);
            int nullCount = 0;
            if (nulls != null) {
                for (int i = from; i < to; i++) {
                    nullCount += nulls[i] ? 1 : 0;
                }
            }
            Statistics<?> statistics = Statistics.createStats(type);
            statistics.incrementNumNulls(nullCount);
            BytesInput values = encodePage(from, to, statistics);
            SizeStatistics sizes = new SizeStatistics(type, unencodedBytes(from, to), new ArrayList<>(), new ArrayList<>());
            out.writePageV2(to - from, nullCount, to - from, BytesInput.empty(), definitionLevels(from, to), pageEncoding(),
                    values, statistics, sizes, null);
            pageWritten();
        }
        DictionaryPage dictionary = finishChunk();
        if (dictionary != null) {
            out.writeDictionaryPage(dictionary);
        }
        rows = 0;
    }

    /** Whether row {@code i} holds a value (not null). */
    final boolean present(int i) {
        return nulls == null || !nulls[i];
    }

    private BytesInput definitionLevels(int from, int to) throws IOException {
        if (nulls == null) {
            return BytesInput.empty();
        }
        try (RunLengthBitPackingHybridEncoder levels = new RunLengthBitPackingHybridEncoder(1, 1024, pageSizeHint, allocator)) {
            for (int i = from; i < to; i++) {
                levels.writeInt(nulls[i] ? 0 : 1);
            }
            // copied now: the page store keeps its own copy of uncompressed levels
            return BytesInput.from(levels.toBytes().toByteArray());
        }
    }

    abstract int capacity();

    /** Makes room for {@code capacity} rows, keeping the rows held. */
    abstract void grow(int capacity);

    abstract void appendValue(FieldVector vector, int row, int index);

    /**
     * Rows [{@code from}, {@code to}) of {@code vector} as rows {@code index}... of the buffer, which
     * has the room; {@link #nulls} is already set for them, and a null row's slot may take any value.
     */
    abstract void appendValues(FieldVector vector, int from, int to, int index);

    /** Called before the first page of a chunk. */
    void startChunk(int pageRows) throws IOException {}

    /** The values of rows [from, to) as one page; adds the page's non-null values to {@code statistics}. */
    abstract BytesInput encodePage(int from, int to, Statistics<?> statistics) throws IOException;

    abstract Encoding pageEncoding();

    /** Called once the page store has taken (copied) the page returned last. */
    abstract void pageWritten();

    /** Bytes of the page's BYTE_ARRAY values before encoding (size statistics); 0 for other types. */
    long unencodedBytes(int from, int to) {
        return 0;
    }

    /** The chunk's dictionary page, if its pages refer to one. */
    DictionaryPage finishChunk() throws IOException {
        return null;
    }

    /** Frees the encoders' buffers; the buffer is not used after. */
    abstract void close();
}
