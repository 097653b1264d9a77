package quantmini.storage;

import java.io.IOException;
import java.util.Arrays;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.FieldVector;
import org.apache.parquet.bytes.ByteBufferAllocator;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.column.values.delta.DeltaBinaryPackingValuesWriterForInteger;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridEncoder;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.PrimitiveType;

/**
 * A string column. Sorted bronze repeats each string in long runs (a ticker's minutes, an
 * underlying's contracts, C or P), so a row that equals the row before is compared in Arrow's
 * memory and stored as the same value id: the bytes are copied, hashed and compared against the
 * statistics once per run, not once per row.
 *
 * <p>With a dictionary, the chunk is written RLE_DICTIONARY with a PLAIN dictionary page when
 * parquet-java's writer would keep its dictionary: the dictionary fits in the dictionary page
 * size and, on the first page, ids plus dictionary take fewer bytes than the plain values.
 * Otherwise (and without a dictionary) pages are DELTA_BYTE_ARRAY.
 */
final class BinaryColumnBuffer extends ColumnBuffer {
    private static final byte[] EMPTY = new byte[0];

    private final boolean dictionary;
    private final int dictionaryLimit;
    private final int slabSize;
    private final DeltaBinaryPackingValuesWriterForInteger prefixLengths;
    private final DeltaBinaryPackingValuesWriterForInteger suffixLengths;
    private byte[] suffixes = new byte[1024];
    private int[] ids = new int[0];
    /** Distinct values with a dictionary, else one per run; in order of first appearance. */
    private byte[][] values = new byte[64][];
    private int valueCount;
    /** Open-addressing table of value id + 1 by hash, dictionary only. */
    private int[] table = new int[128];
    private long dictionaryBytes;
    private int previousId = -1;

    private boolean dictionaryChunk;
    private int dictionarySize;
    private RunLengthBitPackingHybridEncoder idEncoder;
    private long pageUnencodedBytes;

    BinaryColumnBuffer(PrimitiveType type, boolean nullable, boolean dictionary, int dictionaryLimit, ByteBufferAllocator allocator,
            int slabSize, int pageSize) {
        super(type, nullable, allocator, pageSize);
        this.dictionary = dictionary;
        this.dictionaryLimit = dictionaryLimit;
        this.slabSize = slabSize;
        this.prefixLengths = new DeltaBinaryPackingValuesWriterForInteger(128, 4, slabSize, pageSize, allocator);
        this.suffixLengths = new DeltaBinaryPackingValuesWriterForInteger(128, 4, slabSize, pageSize, allocator);
    }

    @Override
    int capacity() {
        return ids.length;
    }

    @Override
    void grow(int capacity) {
        ids = Arrays.copyOf(ids, capacity);
    }

    @Override
    void appendValue(FieldVector vector, int row, int index) {
        // Utf8 vectors: 4-byte offsets; read without Arrow's per-call checks (the type was checked when bound)
        long offsets = vector.getOffsetBuffer().memoryAddress() + (long) row * Integer.BYTES;
        int start = MemoryUtil.getInt(offsets);
        int length = MemoryUtil.getInt(offsets + Integer.BYTES) - start;
        long address = vector.getDataBuffer().memoryAddress() + start;
        if (previousId >= 0 && sameBytes(values[previousId], address, length)) {
            ids[index] = previousId;
            return;
        }
        byte[] value = new byte[length];
        MemoryUtil.copyFromMemory(address, value, 0, length);
        int id = dictionary ? intern(value) : add(value);
        ids[index] = id;
        previousId = id;
    }

    @Override
    void appendValues(FieldVector vector, int from, int to, int index) {
        for (int row = from; row < to; row++, index++) {
            if (present(index)) {
                appendValue(vector, row, index);
            }
        }
    }

    private static boolean sameBytes(byte[] value, long address, int length) {
        if (value.length != length) {
            return false;
        }
        int i = 0;
        for (; i + Long.BYTES <= length; i += Long.BYTES) {
            if (MemoryUtil.getLong(address + i) != MemoryUtil.getLong(value, i)) {
                return false;
            }
        }
        for (; i < length; i++) {
            if (MemoryUtil.getByte(address + i) != value[i]) {
                return false;
            }
        }
        return true;
    }

    private int add(byte[] value) {
        if (valueCount == values.length) {
            values = Arrays.copyOf(values, valueCount * 2);
        }
        values[valueCount] = value;
        return valueCount++;
    }

    private int intern(byte[] value) {
        int mask = table.length - 1;
        for (int slot = Arrays.hashCode(value) & mask; ; slot = (slot + 1) & mask) {
            int entry = table[slot];
            if (entry == 0) {
                int id = add(value);
                dictionaryBytes += Integer.BYTES + value.length;
                table[slot] = id + 1;
                if (valueCount * 2 > table.length) {
                    rehash(table.length * 2);
                }
                return id;
            }
            if (Arrays.equals(values[entry - 1], value)) {
                return entry - 1;
            }
        }
    }

    private void rehash(int size) {
        table = new int[size];
        int mask = size - 1;
        for (int id = 0; id < valueCount; id++) {
            int slot = Arrays.hashCode(values[id]) & mask;
            while (table[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            table[slot] = id + 1;
        }
    }

    @Override
    void startChunk(int pageRows) throws IOException {
        dictionarySize = 0;
        dictionaryChunk = dictionary && valueCount > 0 && dictionaryBytes <= dictionaryLimit && dictionaryPaysOff(Math.min(rows, pageRows));
    }

    /** parquet-java's test, made on the first page: ids and dictionary smaller than the plain values. */
    private boolean dictionaryPaysOff(int firstPageRows) throws IOException {
        long plain = 0;
        int maxId = -1;
        for (int i = 0; i < firstPageRows; i++) {
            if (present(i)) {
                plain += Integer.BYTES + values[ids[i]].length;
                maxId = Math.max(maxId, ids[i]);
            }
        }
        long dictionaryOfFirstPage = 0;
        for (int id = 0; id <= maxId; id++) {
            dictionaryOfFirstPage += Integer.BYTES + values[id].length;
        }
        long encoded;
        try (RunLengthBitPackingHybridEncoder encoder = encodeIds(0, firstPageRows, maxId + 1)) {
            encoded = 1 + encoder.toBytes().size();
        }
        return encoded + dictionaryOfFirstPage < plain;
    }

    private RunLengthBitPackingHybridEncoder encodeIds(int from, int to, int size) throws IOException {
        RunLengthBitPackingHybridEncoder encoder = new RunLengthBitPackingHybridEncoder(bitWidth(size), slabSize, pageSizeHint, allocator);
        for (int i = from; i < to; i++) {
            if (present(i)) {
                encoder.writeInt(ids[i]);
            }
        }
        return encoder;
    }

    private static int bitWidth(int dictionarySize) {
        return 32 - Integer.numberOfLeadingZeros(Math.max(0, dictionarySize - 1));
    }

    @Override
    BytesInput encodePage(int from, int to, Statistics<?> statistics) throws IOException {
        byte[] min = null;
        byte[] max = null;
        long unencoded = 0;
        int previous = -1;
        for (int i = from; i < to; i++) {
            if (!present(i)) {
                continue;
            }
            int id = ids[i];
            byte[] value = values[id];
            unencoded += value.length;
            if (id != previous) {
                if (min == null || Arrays.compareUnsigned(value, min) < 0) {
                    min = value;
                }
                if (max == null || Arrays.compareUnsigned(value, max) > 0) {
                    max = value;
                }
                dictionarySize = Math.max(dictionarySize, id + 1);
                previous = id;
            }
        }
        if (min != null) {
            statistics.updateStats(Binary.fromConstantByteArray(min));
            statistics.updateStats(Binary.fromConstantByteArray(max));
        }
        pageUnencodedBytes = unencoded;
        return dictionaryChunk ? dictionaryIds(from, to) : deltaByteArray(from, to);
    }

    private BytesInput dictionaryIds(int from, int to) throws IOException {
        // the width of the ids covers the dictionary as it stands after this page, as in parquet-java
        idEncoder = encodeIds(from, to, dictionarySize);
        return BytesInput.concat(BytesInput.from(new byte[] {(byte) bitWidth(dictionarySize)}), idEncoder.toBytes());
    }

    /** Prefix lengths, suffix lengths (both DELTA_BINARY_PACKED), then the suffixes' bytes. */
    private BytesInput deltaByteArray(int from, int to) {
        byte[] previous = EMPTY;
        int used = 0;
        for (int i = from; i < to; i++) {
            if (!present(i)) {
                continue;
            }
            byte[] value = values[ids[i]];
            int prefix;
            if (value == previous) {
                prefix = value.length;
            } else {
                int mismatch = Arrays.mismatch(previous, value);
                prefix = mismatch < 0 ? value.length : mismatch;
            }
            int suffix = value.length - prefix;
            prefixLengths.writeInteger(prefix);
            suffixLengths.writeInteger(suffix);
            if (used + suffix > suffixes.length) {
                suffixes = Arrays.copyOf(suffixes, Math.max(suffixes.length * 2, used + suffix));
            }
            System.arraycopy(value, prefix, suffixes, used, suffix);
            used += suffix;
            previous = value;
        }
        return BytesInput.concat(prefixLengths.getBytes(), suffixLengths.getBytes(), BytesInput.from(suffixes, 0, used));
    }

    @Override
    Encoding pageEncoding() {
        return dictionaryChunk ? Encoding.RLE_DICTIONARY : Encoding.DELTA_BYTE_ARRAY;
    }

    @Override
    long unencodedBytes(int from, int to) {
        return pageUnencodedBytes;
    }

    @Override
    void pageWritten() {
        if (idEncoder != null) {
            idEncoder.close();
            idEncoder = null;
        }
        prefixLengths.reset();
        suffixLengths.reset();
    }

    @Override
    DictionaryPage finishChunk() {
        DictionaryPage page = null;
        if (dictionaryChunk) {
            int size = 0;
            for (int id = 0; id < dictionarySize; id++) {
                size += Integer.BYTES + values[id].length;
            }
            byte[] plain = new byte[size];
            int at = 0;
            for (int id = 0; id < dictionarySize; id++) {
                byte[] value = values[id];
                for (int b = 0; b < Integer.BYTES; b++) {
                    plain[at++] = (byte) (value.length >>> (8 * b));
                }
                System.arraycopy(value, 0, plain, at, value.length);
                at += value.length;
            }
            page = new DictionaryPage(BytesInput.from(plain), dictionarySize, Encoding.PLAIN);
        }
        Arrays.fill(values, 0, valueCount, null);
        valueCount = 0;
        Arrays.fill(table, 0);
        dictionaryBytes = 0;
        previousId = -1;
        return page;
    }

    @Override
    void close() {
        pageWritten();
        prefixLengths.close();
        suffixLengths.close();
    }
}
