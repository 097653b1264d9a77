package quantmini.ingest;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import quantmini.core.DataType;
import quantmini.core.Threads;

/**
 * Runs a parser on its own thread so that decompressing and parsing overlap with the writer:
 * the parser fills one of a fixed set of batches while the caller writes another. At most
 * {@code inFlight} batches exist, so memory stays bounded whatever the file's size.
 *
 * <p>Thread confinement: the parser, its ticker dictionary and the parse-time part of the
 * reject log are touched by the parser thread only until the end of the file has been handed
 * over (or the chunks are closed); the queue hand-over orders those writes before the caller's
 * reads.
 */
final class ParsedChunks implements AutoCloseable {
    /** A filled batch and the parser's state right after filling it. */
    record Chunk(BarBatch batch, boolean inOrder, boolean atEnd) {}

    private static final Chunk END = new Chunk(null, true, true);

    /**
     * The first chunk is smaller, so that the writer starts while the parser is still near the
     * file's start, yet large enough to hold a whole day file (stocks days have ~12,000 rows),
     * which the writer sorts in memory when it fits in the first chunk.
     */
    static final int FIRST_CHUNK_ROWS = 65_536;

    private final FlatFileParser parser;
    private final AdaptiveChunkSize chunkSize;
    private final List<BarBatch> batches = new ArrayList<>();
    private final BlockingQueue<BarBatch> free;
    private final BlockingQueue<Object> filled;
    private final Thread thread;
    private volatile boolean stopped;
    private boolean ended;

    ParsedChunks(FlatFileParser parser, DataType type, BufferAllocator allocator, AdaptiveChunkSize chunkSize, int inFlight) {
        this.parser = requireNonNull(parser, "parser is null");
        this.chunkSize = requireNonNull(chunkSize, "chunkSize is null");
        this.free = new ArrayBlockingQueue<>(inFlight);
        this.filled = new ArrayBlockingQueue<>(inFlight + 1);
        for (int i = 0; i < inFlight; i++) {
            BarBatch batch = new BarBatch(type, allocator);
            batches.add(batch);
            free.add(batch);
        }
        this.thread = new Thread(this::produce, "parse " + parser.file().getFileName());
        thread.setDaemon(true);
        thread.start();
    }

    /** The next chunk, or null after the last; rethrows what stopped the parser. */
    Chunk next() throws InterruptedException {
        if (ended) {
            return null;
        }
        Object item = filled.take();
        if (item == END) {
            ended = true;
            return null;
        }
        if (item instanceof RuntimeException) {
            ended = true;
            throw (RuntimeException) item;
        }
        if (item instanceof Error) {
            ended = true;
            throw (Error) item;
        }
        return (Chunk) item;
    }

    /** Gives a chunk's batch back for the parser to fill again. */
    void release(Chunk chunk) {
        free.add(chunk.batch());
    }

    private void produce() {
        try {
            boolean first = true;
            while (!stopped) {
                BarBatch batch = free.poll(100, TimeUnit.MILLISECONDS);
                if (batch == null) {
                    continue;
                }
                int rows = first ? Math.min(FIRST_CHUNK_ROWS, chunkSize.rows()) : chunkSize.rows();
                first = false;
                if (!parser.next(batch, rows)) {
                    filled.put(END);
                    return;
                }
                filled.put(new Chunk(batch, parser.inOrder(), parser.atEnd()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            filled.offer(e);
        }
    }

    @Override
    public void close() {
        stopped = true;
        Threads.interruptAndJoin(thread); // the batches must not be freed under a running parser
        for (BarBatch batch : batches) {
            batch.close();
        }
    }
}
