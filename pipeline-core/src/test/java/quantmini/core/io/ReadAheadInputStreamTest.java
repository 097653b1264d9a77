package quantmini.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ReadAheadInputStreamTest {
    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        new Random(42).nextBytes(bytes);
        return bytes;
    }

    /** Gives out its bytes in reads of odd sizes, then fails with {@code failure} (or ends, when null). */
    private static InputStream source(byte[] bytes, IOException failure) {
        return new InputStream() {
            private int position;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (position == bytes.length) {
                    if (failure != null) {
                        throw failure;
                    }
                    return -1;
                }
                int count = Math.min(Math.min(len, 777), bytes.length - position);
                System.arraycopy(bytes, position, b, off, count);
                position += count;
                return count;
            }
        };
    }

    private static byte[] readAll(InputStream in, ByteArrayOutputStream sink, int chunk) throws IOException {
        byte[] buffer = new byte[chunk];
        for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
            sink.write(buffer, 0, read);
        }
        return sink.toByteArray();
    }

    @Test
    void deliversTheSourceBytesInOrderAcrossBufferBoundaries() throws IOException {
        byte[] bytes = randomBytes(100_003);
        for (int chunk : new int[] {1, 1000, 4096, 200_000}) {
            try (ReadAheadInputStream in = new ReadAheadInputStream(source(bytes, null), 3, 4096, "test")) {
                assertArrayEquals(bytes, readAll(in, new ByteArrayOutputStream(), chunk), "reads of " + chunk);
                assertEquals(-1, in.read());
            }
        }
    }

    @Test
    void singleByteReadsSeeTheSameBytes() throws IOException {
        byte[] bytes = randomBytes(10_000);
        try (ReadAheadInputStream in = new ReadAheadInputStream(new ByteArrayInputStream(bytes), 2, 1000, "test")) {
            for (byte expected : bytes) {
                assertEquals(expected & 0xFF, in.read());
            }
            assertEquals(-1, in.read());
        }
    }

    @Test
    void aTruncatedSourceIsAFailureNotAnEnd() throws IOException {
        byte[] bytes = randomBytes(10_500);
        EOFException truncated = new EOFException("Unexpected end of ZLIB input stream");
        try (ReadAheadInputStream in = new ReadAheadInputStream(source(bytes, truncated), 3, 4096, "test")) {
            ByteArrayOutputStream delivered = new ByteArrayOutputStream();
            IOException thrown = assertThrows(IOException.class, () -> readAll(in, delivered, 1000));
            assertSame(truncated, thrown);
            assertArrayEquals(bytes, delivered.toByteArray(), "every byte before the failure is delivered first");
            assertSame(truncated, assertThrows(IOException.class, in::read), "the failure stays");
        }
    }

    @Test
    void closeStopsAReadAheadWaitingForRoomAndClosesTheSource() throws Exception {
        AtomicBoolean sourceClosed = new AtomicBoolean();
        CountDownLatch readStarted = new CountDownLatch(1);
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 7;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                readStarted.countDown();
                java.util.Arrays.fill(b, off, off + len, (byte) 7);
                return len;
            }

            @Override
            public void close() {
                sourceClosed.set(true);
            }
        };
        ReadAheadInputStream in = new ReadAheadInputStream(endless, 2, 1024, "test");
        readStarted.await();
        assertEquals(7, in.read());
        in.close();
        assertTrue(sourceClosed.get());
        assertThrows(IOException.class, in::read);
        assertFalse(Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("test") && t.isAlive()),
                "the read-ahead thread has stopped");
    }
}
