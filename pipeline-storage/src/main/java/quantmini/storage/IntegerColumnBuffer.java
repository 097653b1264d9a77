package quantmini.storage;

import java.nio.ByteOrder;
import java.util.Arrays;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.FieldVector;
import org.apache.parquet.bytes.ByteBufferAllocator;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.column.values.ValuesWriter;
import org.apache.parquet.column.values.delta.DeltaBinaryPackingValuesWriterForInteger;
import org.apache.parquet.column.values.delta.DeltaBinaryPackingValuesWriterForLong;
import org.apache.parquet.schema.PrimitiveType;

/**
 * An INT64 column (Arrow Int(64), Timestamp) or an INT32 one (Int(32), Date(DAY)), written
 * DELTA_BINARY_PACKED as parquet-java's v2 writer does without a dictionary.
 */
final class IntegerColumnBuffer extends ColumnBuffer {
    private final boolean wide;
    private final ValuesWriter encoder;
    private long[] values = new long[0];

    IntegerColumnBuffer(PrimitiveType type, boolean nullable, ByteBufferAllocator allocator, int slabSize, int pageSize) {
        super(type, nullable, allocator, pageSize);
        this.wide = type.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.INT64;
        this.encoder = wide
                ? new DeltaBinaryPackingValuesWriterForLong(slabSize, pageSize, allocator)
                : new DeltaBinaryPackingValuesWriterForInteger(slabSize, pageSize, allocator);
    }

    @Override
    int capacity() {
        return values.length;
    }

    @Override
    void grow(int capacity) {
        values = Arrays.copyOf(values, capacity);
    }

    @Override
    void appendValue(FieldVector vector, int row, int index) {
        // the vector's type was checked when bound; read without Arrow's per-call checks
        long address = vector.getDataBuffer().memoryAddress();
        values[index] = wide ? MemoryUtil.getLong(address + (long) row * Long.BYTES) : MemoryUtil.getInt(address + (long) row * Integer.BYTES);
    }

    @Override
    void appendValues(FieldVector vector, int from, int to, int index) {
        if (wide) {
            vector.getDataBuffer().nioBuffer((long) from * Long.BYTES, (to - from) * Long.BYTES)
                    .order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(values, index, to - from);
            return;
        }
        long address = vector.getDataBuffer().memoryAddress() + (long) from * Integer.BYTES;
        for (int i = 0; i < to - from; i++) {
            values[index + i] = MemoryUtil.getInt(address + (long) i * Integer.BYTES);
        }
    }

    @Override
    BytesInput encodePage(int from, int to, Statistics<?> statistics) {
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        boolean any = false;
        for (int i = from; i < to; i++) {
            if (present(i)) {
                long value = values[i];
                if (wide) {
                    encoder.writeLong(value);
                } else {
                    encoder.writeInteger((int) value);
                }
                min = Math.min(min, value);
                max = Math.max(max, value);
                any = true;
            }
        }
        if (any && wide) {
            statistics.updateStats(min);
            statistics.updateStats(max);
        } else if (any) {
            statistics.updateStats((int) min);
            statistics.updateStats((int) max);
        }
        return encoder.getBytes();
    }

    @Override
    Encoding pageEncoding() {
        return Encoding.DELTA_BINARY_PACKED;
    }

    @Override
    void pageWritten() {
        encoder.reset();
    }

    @Override
    void close() {
        encoder.close();
    }
}
