package quantmini.storage;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
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
    void appendValues(FieldVector vector, int from, int to, int index) {
        vector.getDataBuffer().nioBuffer((long) from * Double.BYTES, (to - from) * Double.BYTES)
                .order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(values, index, to - from);
    }

    @Override
    BytesInput encodePage(int from, int to, Statistics<?> statistics) {
        if (page.length < (to - from) * Double.BYTES) {
            page = new byte[(to - from) * Double.BYTES];
        }
        DoubleBuffer out = ByteBuffer.wrap(page).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer();
        int present = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        boolean zeroOrNaN = false;
        for (int i = from; i < to; i++) {
            if (!present(i)) {
                continue;
            }
            double value = values[i];
            out.put(present++, value);
            min = value < min ? value : min;
            max = value > max ? value : max;
            zeroOrNaN |= value == 0 || value != value;
        }
        if (present > 0) {
            if (zeroOrNaN) {
                minMaxInTotalOrder(from, to, statistics);
            } else {
                statistics.updateStats(min);
                statistics.updateStats(max);
            }
        }
        return BytesInput.from(page, 0, present * Double.BYTES);
    }

    /**
     * Parquet orders doubles as {@link Double#compare} does (-0.0 before 0.0, NaN last), which the
     * plain comparisons above do not: a page with a zero or a NaN takes this slower pass.
     */
    private void minMaxInTotalOrder(int from, int to, Statistics<?> statistics) {
        double min = 0;
        double max = 0;
        boolean any = false;
        for (int i = from; i < to; i++) {
            if (!present(i)) {
                continue;
            }
            double value = values[i];
            if (!any) {
                min = value;
                max = value;
                any = true;
            } else {
                min = Double.compare(value, min) < 0 ? value : min;
                max = Double.compare(value, max) > 0 ? value : max;
            }
        }
        statistics.updateStats(min);
        statistics.updateStats(max);
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
