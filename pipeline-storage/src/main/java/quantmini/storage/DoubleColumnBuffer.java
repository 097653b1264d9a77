package quantmini.storage;

import java.util.Arrays;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.FieldVector;
import org.apache.parquet.bytes.ByteBufferAllocator;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.schema.PrimitiveType;

/** A DOUBLE column, written PLAIN (8 bytes little-endian per value). */
final class DoubleColumnBuffer extends ColumnBuffer {
    private double[] values = new double[0];
    private byte[] page = new byte[0];

    DoubleColumnBuffer(PrimitiveType type, boolean nullable, ByteBufferAllocator allocator, int pageSize) {
        super(type, nullable, allocator, pageSize);
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
        long bits = MemoryUtil.getLong(vector.getDataBuffer().memoryAddress() + (long) row * Double.BYTES);
        values[index] = Double.longBitsToDouble(bits);
    }

    @Override
    BytesInput encodePage(int from, int to, Statistics<?> statistics) {
        if (page.length < (to - from) * Double.BYTES) {
            page = new byte[(to - from) * Double.BYTES];
        }
        int length = 0;
        double min = 0;
        double max = 0;
        boolean any = false;
        for (int i = from; i < to; i++) {
            if (!present(i)) {
                continue;
            }
            double value = values[i];
            long bits = Double.doubleToRawLongBits(value);
            for (int b = 0; b < Double.BYTES; b++) {
                page[length++] = (byte) (bits >>> (8 * b));
            }
            if (!any) {
                min = value;
                max = value;
                any = true;
            } else {
                // Parquet orders doubles as Double.compare does (-0.0 before 0.0)
                min = Double.compare(value, min) < 0 ? value : min;
                max = Double.compare(value, max) > 0 ? value : max;
            }
        }
        if (any) {
            statistics.updateStats(min);
            statistics.updateStats(max);
        }
        return BytesInput.from(page, 0, length);
    }

    @Override
    Encoding pageEncoding() {
        return Encoding.PLAIN;
    }

    @Override
    void pageWritten() {}

    @Override
    void close() {}
}
