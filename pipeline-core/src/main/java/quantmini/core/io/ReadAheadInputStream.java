package quantmini.core.io;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import quantmini.core.Preconditions;
import quantmini.core.Threads;

/**
 * Reads its source on a thread of its own, a few buffers ahead of the reader, so that the work
 * behind the source (a gzip inflate) overlaps with the reader's (a parse). Memory stays bounded:
 * {@code buffers} buffers of {@code bufferBytes} exist, whatever the length of the stream.
 *
 * <p>The source's failure is the reader's: every byte read before it is delivered, then the same
 * exception is thrown, and again on every later read. An {@link java.io.EOFException} is such a
 * failure too (a truncated gzip stream raises one), never taken for the end of the stream, which
 * Apache Commons IO's read-ahead stream does; that is why this class exists.
 *
 * <p>One reader thread. {@link #close} stops the read-ahead thread, waits for it, then closes the
 * source, so the source is never closed under a running read.
 */
public final class ReadAheadInputStream extends InputStream {
    private static final Object END = new Object();

    private record Filled(byte[] buffer, int length) {}

    private final InputStream source;
    private final BlockingQueue<byte[]> free;
    private final BlockingQueue<Object> filled;
    private final Thread thread;
    private byte[] current;
    private int currentLength;
    private int position;
    private boolean ended;
    private Throwable failure;
    private boolean closed;

    /**
     * Starts reading {@code source} ahead on a daemon thread named {@code threadName}; the stream
     * owns the source from now on.
     */
    public ReadAheadInputStream(InputStream source, int buffers, int bufferBytes, String threadName) {
        this.source = requireNonNull(source, "source is null");
        requireNonNull(threadName, "threadName is null");
        Preconditions.checkArgument(buffers >= 2, "buffers must be at least 2: %s", buffers);
        Preconditions.checkArgument(bufferBytes > 0, "bufferBytes must be positive: %s", bufferBytes);
        this.free = new ArrayBlockingQueue<>(buffers);
        // every buffer may be filled at once, with the end or a failure behind the last
        this.filled = new ArrayBlockingQueue<>(buffers + 1);
        for (int i = 0; i < buffers; i++) {
            free.add(new byte[bufferBytes]);
        }
        this.thread = new Thread(this::readAhead, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    private void readAhead() {
        try {
            while (true) {
                byte[] buffer = free.take();
                int length = 0;
                try {
                    while (length < buffer.length) {
                        int read = source.read(buffer, length, buffer.length - length);
                        if (read < 0) {
                            break;
                        }
                        length += read;
                    }
                } catch (IOException | RuntimeException | Error e) {
                    if (length > 0) {
                        filled.put(new Filled(buffer, length));
                    }
                    filled.put(e);
                    return;
                }
                if (length > 0) {
                    filled.put(new Filled(buffer, length));
                }
                if (length < buffer.length) {
                    filled.put(END);
                    return;
                }
            }
        } catch (InterruptedException e) {
            // closed: the reader wants no more
        }
    }

    @Override
    public int read() throws IOException {
        if (!available(true)) {
            return -1;
        }
        return current[position++] & 0xFF;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
        java.util.Objects.checkFromIndexSize(offset, length, bytes.length);
        if (length == 0) {
            return 0;
        }
        if (!available(true)) {
            return -1;
        }
        int count = Math.min(length, currentLength - position);
        System.arraycopy(current, position, bytes, offset, count);
        position += count;
        return count;
    }

    @Override
    public int available() throws IOException {
        return available(false) ? currentLength - position : 0;
    }

    /** Whether bytes are at hand; waits for the next buffer when {@code wait}. */
    private boolean available(boolean wait) throws IOException {
        if (closed) {
            throw new IOException("stream closed");
        }
        while (current == null || position == currentLength) {
            if (failure != null) {
                rethrow(failure);
            }
            if (ended) {
                return false;
            }
            if (current != null) {
                free.add(current);
                current = null;
            }
            Object item;
            try {
                item = wait ? filled.take() : filled.poll();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for the read-ahead thread");
            }
            if (item == null) {
                return false;
            }
            if (item == END) {
                ended = true;
            } else if (item instanceof Filled chunk) {
                current = chunk.buffer();
                currentLength = chunk.length();
                position = 0;
            } else {
                failure = (Throwable) item;
            }
        }
        return true;
    }

    private static void rethrow(Throwable failure) throws IOException {
        if (failure instanceof IOException e) {
            throw e;
        }
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        throw (Error) failure;
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        Threads.interruptAndJoin(thread); // the source must not be closed under a running read
        source.close();
    }
}
