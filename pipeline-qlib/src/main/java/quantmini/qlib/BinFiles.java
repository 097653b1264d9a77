package quantmini.qlib;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Qlib's {@code .bin} format: little-endian float32, the start index first, then the values. */
final class BinFiles {
    static final int FLOAT_BYTES = Float.BYTES;

    private BinFiles() {}

    /** The size of a file whose instrument spans calendar entries {@code first..last}. */
    static long expectedSize(int first, int last) {
        return (long) FLOAT_BYTES * (2L + last - first);
    }

    /**
     * Writes a whole file that no reader can see yet (in a staging tree, or of an instrument the
     * index files do not list yet); {@link DurableWrites} forces it before the build commits.
     */
    static void writeUnlisted(Path file, int firstIndex, float[] values) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(FLOAT_BYTES * (values.length + 1)).order(ByteOrder.LITTLE_ENDIAN);
        bytes.putFloat(firstIndex);
        for (float value : values) {
            bytes.putFloat(value);
        }
        bytes.flip();
        Files.createDirectories(file.getParent());
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        }
    }

    /**
     * Appends {@code gap} NaNs and then {@code values} to a file that must be {@code expectedSize}
     * bytes long. A torn append is undone by the journal's repair; {@link DurableWrites} forces
     * the file before the append commits.
     */
    static void append(Path file, long expectedSize, int gap, float[] values) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(FLOAT_BYTES * (gap + values.length)).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < gap; i++) {
            bytes.putFloat(Float.NaN);
        }
        for (float value : values) {
            bytes.putFloat(value);
        }
        bytes.flip();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            long size = channel.size();
            if (size != expectedSize) {
                throw new IOException(String.format("%s has %d bytes where the tree implies %d; run a full rebuild", file, size, expectedSize));
            }
            channel.position(size);
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        }
    }

    /** The values of a file (element 0, the start index, included). */
    static float[] read(Path file) throws IOException {
        byte[] raw = Files.readAllBytes(file);
        ByteBuffer bytes = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        float[] values = new float[raw.length / FLOAT_BYTES];
        for (int i = 0; i < values.length; i++) {
            values[i] = bytes.getFloat();
        }
        return values;
    }

    /** Cuts a file back to {@code size} bytes: undoes an append a killed run left half done. */
    static void truncate(Path file, long size) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(size);
            channel.force(false);
        }
    }
}
