package quantmini.ingest;

import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
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
