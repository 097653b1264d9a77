package quantmini.ingest;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import quantmini.core.DataType;
import quantmini.storage.BronzeSchema;

/**
 * A batch of parsed bars in Arrow vectors: the bronze columns plus two the ingest needs on the
 * way (the source line number and the ticker's dictionary id). The Parquet writer picks the
 * bronze columns by name and ignores the other two.
 */
final class BarBatch implements AutoCloseable {
    static final String LINE = "_line";
    static final String TICKER_ID = "_ticker_id";
    private static final byte[] CALL = {'C'};
    private static final byte[] PUT = {'P'};

    final VectorSchemaRoot root;
    final VarCharVector ticker;
    final BigIntVector volume;
    final Float8Vector open;
    final Float8Vector high;
    final Float8Vector low;
    final Float8Vector close;
    final TimeStampMicroTZVector windowStart;
    final BigIntVector transactions;
    final DateDayVector date;
    final BigIntVector line;
    final IntVector tickerId;
    final VarCharVector underlying;
    final DateDayVector expiration;
    final VarCharVector optionType;
    final Float8Vector strike;
    private final boolean options;
    private final List<FieldVector> vectors;
    private int rows;
    // reused by append: a column's values derived from the dictionary, and the strings' offsets and bytes
    private int[] scratchInts = new int[0];
    private double[] scratchDoubles = new double[0];
    private int[] scratchEnds = new int[0];
    private byte[] scratchBytes = new byte[1 << 16];

    BarBatch(DataType type, BufferAllocator allocator) {
        this(VectorSchemaRoot.create(schema(type), allocator), type.isOptions());
    }

    /** Wraps a root read back from a spill file, which has {@link #schema(DataType)}. */
    BarBatch(VectorSchemaRoot root, boolean options) {
        this.root = root;
        this.options = options;
        this.ticker = (VarCharVector) root.getVector(BronzeSchema.TICKER);
        this.volume = (BigIntVector) root.getVector(BronzeSchema.VOLUME);
        this.open = (Float8Vector) root.getVector(BronzeSchema.OPEN);
        this.high = (Float8Vector) root.getVector(BronzeSchema.HIGH);
        this.low = (Float8Vector) root.getVector(BronzeSchema.LOW);
        this.close = (Float8Vector) root.getVector(BronzeSchema.CLOSE);
        this.windowStart = (TimeStampMicroTZVector) root.getVector(BronzeSchema.WINDOW_START);
        this.transactions = (BigIntVector) root.getVector(BronzeSchema.TRANSACTIONS);
        this.date = (DateDayVector) root.getVector(BronzeSchema.DATE);
        this.line = (BigIntVector) root.getVector(LINE);
        this.tickerId = (IntVector) root.getVector(TICKER_ID);
        this.underlying = options ? (VarCharVector) root.getVector(BronzeSchema.UNDERLYING) : null;
        this.expiration = options ? (DateDayVector) root.getVector(BronzeSchema.EXPIRATION) : null;
        this.optionType = options ? (VarCharVector) root.getVector(BronzeSchema.OPTION_TYPE) : null;
        this.strike = options ? (Float8Vector) root.getVector(BronzeSchema.STRIKE) : null;
        this.vectors = root.getFieldVectors();
        this.rows = root.getRowCount();
    }

    static Schema schema(DataType type) {
        List<Field> fields = new ArrayList<>(BronzeSchema.of(type).getFields());
        fields.add(BronzeSchema.required(LINE, BronzeSchema.INT64));
        fields.add(BronzeSchema.required(TICKER_ID, new ArrowType.Int(32, true)));
        return new Schema(fields);
    }

    boolean isOptions() {
        return options;
    }

    int rows() {
        return rows;
    }

    /** Empties the batch and reserves room for {@code capacity} rows (it grows past that if needed). */
    void reset(int capacity) {
        for (FieldVector vector : vectors) {
            vector.reset();
        }
        if (capacity > 0 && ticker.getValueCapacity() < capacity) {
            for (FieldVector vector : vectors) {
                vector.setInitialCapacity(capacity);
                vector.allocateNew();
            }
        }
        rows = 0;
        root.setRowCount(0);
    }

    /** Makes the rows set so far visible through {@link #root}. */
    void seal(int rowCount) {
        rows = rowCount;
        for (FieldVector vector : vectors) {
            vector.setValueCount(rowCount);
        }
        root.setRowCount(rowCount);
    }

    /**
     * Appends the staged rows after the rows of the batch (call {@link #seal} after the last), a
     * column at a time: bulk copies into Arrow's buffers, the ticker columns from the dictionary.
     */
    void append(StagedBars staged, TickerDictionary tickers, int dateDay) {
        int from = rows;
        int count = staged.size;
        if (count == 0) {
            return;
        }
        int to = from + count;
        putLongs(volume, from, staged.volume, count);
        putDoubles(open, from, staged.open, count);
        putDoubles(high, from, staged.high, count);
        putDoubles(low, from, staged.low, count);
        putDoubles(close, from, staged.close, count);
        putLongs(windowStart, from, staged.windowStart, count);
        putLongs(transactions, from, staged.transactions, count);
        putLongs(line, from, staged.line, count);
        putInts(tickerId, from, staged.tickerId, count);
        int[] ids = staged.tickerId;
        int[] days = scratchInts(count);
        Arrays.fill(days, 0, count, dateDay);
        putInts(date, from, days, count);
        putStrings(ticker, from, ids, count, tickers::tickerBytes);
        if (options) {
            putStrings(underlying, from, ids, count, tickers::underlying);
            putStrings(optionType, from, ids, count, id -> tickers.optionType(id) == 'C' ? CALL : PUT);
            for (int i = 0; i < count; i++) {
                days[i] = tickers.expirationDay(ids[i]);
            }
            putInts(expiration, from, days, count);
            double[] strikes = scratchDoubles(count);
            for (int i = 0; i < count; i++) {
                strikes[i] = tickers.strike(ids[i]);
            }
            putDoubles(strike, from, strikes, count);
        }
        rows = to;
        staged.clear();
    }

    private int[] scratchInts(int count) {
        if (scratchInts.length < count) {
            scratchInts = new int[count];
        }
        return scratchInts;
    }

    private double[] scratchDoubles(int count) {
        if (scratchDoubles.length < count) {
            scratchDoubles = new double[count];
        }
        return scratchDoubles;
    }

    private static ByteBuffer slice(ArrowBuf buffer, int from, int count, int width) {
        return buffer.nioBuffer((long) from * width, count * width).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static void reserve(BaseFixedWidthVector vector, int from, int count) {
        while (vector.getValueCapacity() < from + count) {
            vector.reAlloc();
        }
        setValid(vector.getValidityBuffer(), from, from + count);
    }

    private static void putLongs(BaseFixedWidthVector vector, int from, long[] values, int count) {
        reserve(vector, from, count);
        slice(vector.getDataBuffer(), from, count, Long.BYTES).asLongBuffer().put(values, 0, count);
    }

    private static void putDoubles(BaseFixedWidthVector vector, int from, double[] values, int count) {
        reserve(vector, from, count);
        slice(vector.getDataBuffer(), from, count, Double.BYTES).asDoubleBuffer().put(values, 0, count);
    }

    private static void putInts(BaseFixedWidthVector vector, int from, int[] values, int count) {
        reserve(vector, from, count);
        slice(vector.getDataBuffer(), from, count, Integer.BYTES).asIntBuffer().put(values, 0, count);
    }

    /** Each row's string is {@code bytesOf(ids[row])}: offsets and bytes assembled in arrays, then copied at once. */
    private void putStrings(VarCharVector vector, int from, int[] ids, int count, IntFunction<byte[]> bytesOf) {
        while (vector.getValueCapacity() < from + count) {
            vector.reallocValidityAndOffsetBuffers();
        }
        int start = vector.getOffsetBuffer().getInt((long) from * BaseVariableWidthVector.OFFSET_WIDTH);
        if (scratchEnds.length < count) {
            scratchEnds = new int[count];
        }
        int[] ends = scratchEnds;
        int used = 0;
        for (int i = 0; i < count; i++) {
            byte[] value = bytesOf.apply(ids[i]);
            if (used + value.length > scratchBytes.length) {
                scratchBytes = Arrays.copyOf(scratchBytes, Math.max(scratchBytes.length * 2, used + value.length));
            }
            System.arraycopy(value, 0, scratchBytes, used, value.length);
            used += value.length;
            ends[i] = start + used;
        }
        while (vector.getDataBuffer().capacity() < (long) start + used) {
            vector.reallocDataBuffer();
        }
        vector.getDataBuffer().setBytes(start, scratchBytes, 0, used);
        slice(vector.getOffsetBuffer(), from + 1, count, BaseVariableWidthVector.OFFSET_WIDTH).asIntBuffer().put(ends, 0, count);
        setValid(vector.getValidityBuffer(), from, from + count);
        vector.setLastSet(from + count - 1);
    }

    /** Sets the validity bits of rows [from, to): whole bytes at once, single bits at the edges. */
    private static void setValid(ArrowBuf validity, int from, int to) {
        int i = from;
        for (; i < to && (i & 7) != 0; i++) {
            BitVectorHelper.setBit(validity, i);
        }
        int bytes = (to - i) >>> 3;
        if (bytes > 0) {
            validity.setOne(i >>> 3, bytes);
            i += bytes << 3;
        }
        for (; i < to; i++) {
            BitVectorHelper.setBit(validity, i);
        }
    }

    /** Appends row {@code from} of {@code source} (same schema) as row {@link #rows()}; call {@link #seal} after. */
    void appendFrom(BarBatch source, int from) {
        int to = rows++;
        for (int i = 0; i < vectors.size(); i++) {
            vectors.get(i).copyFromSafe(from, to, source.vectors.get(i));
        }
    }

    @Override
    public void close() {
        root.close();
    }
}
