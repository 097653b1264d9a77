package quantmini.storage;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * ZSTD straight over zstd-jni. parquet-hadoop's own codec factory goes through Hadoop's codec
 * classes and would pull hadoop-common; this one needs nothing but zstd-jni.
 *
 * <p>The compressor keeps one native context for all its pages: {@code Zstd.compress} would set
 * up (allocate and initialise) a context per page, which cost as much as a fifth of the
 * compression time of a bronze file of small pages. A factory's compressor is for one writer,
 * hence one thread, at a time; {@link #release} frees the context.
 */
// BytesInput.toByteArray is deprecated for its copy; zstd-jni's array API needs the array anyway
@SuppressWarnings("deprecation")
final class ZstdCodecFactory implements CompressionCodecFactory {
    private final int level;
    private ZstdCompressCtx context;
    private final ReusableOutput input = new ReusableOutput();
    private byte[] output = new byte[0];

    ZstdCodecFactory(int level) {
        this.level = level;
    }

    /**
     * Compresses {@code bytes} into a buffer reused from page to page. The result is valid until
     * the next call: parquet-java's page store copies a compressed page before it compresses the
     * next, so no page costs a fresh input copy and output array (which were most of an
     * ingest's garbage).
     */
    private synchronized BytesInput compress(BytesInput bytes) throws IOException {
        if (context == null) {
            context = new ZstdCompressCtx().setLevel(level);
        }
        input.reset();
        bytes.writeAllTo(input);
        int bound = (int) Zstd.compressBound(input.size());
        if (output.length < bound) {
            output = new byte[bound];
        }
        int length = context.compressByteArray(output, 0, output.length, input.bytes(), 0, input.size());
        return BytesInput.from(output, 0, length);
    }

    /** A byte array output stream whose array the compressor reads in place. */
    private static final class ReusableOutput extends ByteArrayOutputStream {
        ReusableOutput() {
            super(1 << 16);
        }

        byte[] bytes() {
            return buf;
        }
    }

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codecName) {
        requireZstd(codecName);
        return new BytesInputCompressor() {
            @Override
            public BytesInput compress(BytesInput bytes) throws IOException {
                return ZstdCodecFactory.this.compress(bytes);
            }

            @Override
            public CompressionCodecName getCodecName() {
                return CompressionCodecName.ZSTD;
            }

            @Override
            public void release() {}
        };
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codecName) {
        requireZstd(codecName);
        return new BytesInputDecompressor() {
            @Override
            public BytesInput decompress(BytesInput bytes, int uncompressedSize) throws IOException {
                return BytesInput.from(Zstd.decompress(bytes.toByteArray(), uncompressedSize));
            }

            @Override
            public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize) {
                byte[] in = new byte[compressedSize];
                input.get(in);
                output.put(Zstd.decompress(in, uncompressedSize));
            }

            @Override
            public void release() {}
        };
    }

    @Override
    public synchronized void release() {
        if (context != null) {
            context.close();
            context = null;
        }
    }

    private static void requireZstd(CompressionCodecName codecName) {
        if (codecName != CompressionCodecName.ZSTD) {
            throw new IllegalArgumentException("only ZSTD is configured, not " + codecName);
        }
    }
}
