package quantmini.ingest;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.arrow.memory.BufferAllocator;
import quantmini.core.FlatFileKey;
import quantmini.storage.BronzeSchema;
import quantmini.storage.ParquetOptions;
import quantmini.storage.ParquetTableWriter;

/**
 * The streaming mode's way: the file in chunks of {@link AdaptiveChunkSize#rows()} rows. While
 * rows arrive in bronze order (minute files do) each chunk goes straight to the writer. At the
 * first row out of order the attempt is dropped and the file is read again as sorted runs spilled
 * to disk and merged — unless the whole file fitted in the first chunk (at most
 * {@link ParsedChunks#FIRST_CHUNK_ROWS} rows), which is then sorted in
 * memory (day files are small and unsorted).
 */
final class ChunkedDayWriter implements DayWriteStrategy {
    /** Batches that exist at once: one being parsed, one being written, one queued between. */
    static final int CHUNKS_IN_FLIGHT = 3;

    private final BufferAllocator allocator;
    private final AdaptiveChunkSize chunkSize;
    private final Path spillRoot;

    ChunkedDayWriter(BufferAllocator allocator, AdaptiveChunkSize chunkSize, Path spillRoot) {
        this.allocator = requireNonNull(allocator, "allocator is null");
        this.chunkSize = requireNonNull(chunkSize, "chunkSize is null");
        this.spillRoot = requireNonNull(spillRoot, "spillRoot is null");
    }

    @Override
    public DayContent write(FlatFileKey key, Path source, Path target) throws IOException {
        DayContent inOrder = writeIfInOrder(key, source, target);
        return inOrder != null ? inOrder : writeThroughRuns(key, source, target);
    }

    /** The whole file in its own order, or null when it turned out not to be in bronze order. */
    private DayContent writeIfInOrder(FlatFileKey key, Path source, Path target) throws IOException {
        TickerDictionary tickers = new TickerDictionary(key.dataType().isOptions());
        RejectLog rejects = new RejectLog();
        try (BufferAllocator child = allocator.newChildAllocator("stream " + key, 0, Long.MAX_VALUE);
                FlatFileParser parser = FlatFileParser.open(source, key.dataType(), key.date(), tickers, rejects);
                ParquetTableWriter writer = ParquetTableWriter.open(target, BronzeSchema.of(key.dataType()), ParquetOptions.bars())) {
            BronzeRowSink sink = new BronzeRowSink(writer, rejects);
            try (ParsedChunks chunks = new ParsedChunks(parser, key.dataType(), child, chunkSize, CHUNKS_IN_FLIGHT)) {
                boolean first = true;
                for (ParsedChunks.Chunk chunk = chunks.next(); chunk != null; chunk = chunks.next()) {
                    if (chunk.inOrder()) {
                        sink.acceptAll(chunk.batch());
                    } else if (first && chunk.atEnd()) {
                        // wait for the parser's end, so that it no longer touches the dictionary
                        if (chunks.next() != null) {
                            throw new IllegalStateException("rows after the end of " + source);
                        }
                        sink.acceptAll(chunk.batch(), BatchSorter.order(chunk.batch(), tickers));
                    } else {
                        return null;
                    }
                    chunks.release(chunk);
                    first = false;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while ingesting " + source);
            }
            return new DayContent(parser.dataRows(), sink, tickers, rejects);
        }
    }

    private DayContent writeThroughRuns(FlatFileKey key, Path source, Path target) throws IOException {
        TickerDictionary tickers = new TickerDictionary(key.dataType().isOptions());
        RejectLog rejects = new RejectLog();
        try (BufferAllocator child = allocator.newChildAllocator("runs " + key, 0, Long.MAX_VALUE);
                BarBatch batch = new BarBatch(key.dataType(), child);
                SpilledRuns runs = new SpilledRuns(spillRoot, key.dataType(), child);
                FlatFileParser parser = FlatFileParser.open(source, key.dataType(), key.date(), tickers, rejects);
                ParquetTableWriter writer = ParquetTableWriter.open(target, BronzeSchema.of(key.dataType()), ParquetOptions.bars())) {
            BronzeRowSink sink = new BronzeRowSink(writer, rejects);
            while (parser.next(batch, chunkSize.rows())) {
                runs.add(batch, BatchSorter.order(batch, tickers));
            }
            runs.mergeInto(sink, tickers);
            return new DayContent(parser.dataRows(), sink, tickers, rejects);
        }
    }
}
