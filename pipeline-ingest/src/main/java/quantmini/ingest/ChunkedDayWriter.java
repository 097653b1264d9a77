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
 * The file in chunks of {@link AdaptiveChunkSize#rows()} rows, parsed on a thread of their own
 * while the writer writes the chunk before. While rows arrive in bronze order (minute files do)
 * each chunk goes straight to the writer. At the first row out of order the attempt is dropped
 * and the file is written again by the mode's way for unordered files (the streaming mode's
 * sorted runs spilled to disk, the batch mode's whole file sorted in memory) — unless the whole
 * file fitted in the first chunk (at most {@link ParsedChunks#FIRST_CHUNK_ROWS} rows), which is
 * then sorted in memory (day files are small and unsorted).
 */
final class ChunkedDayWriter implements DayWriteStrategy {
    /** Batches that exist at once: one being parsed, one being written, one queued between. */
    static final int CHUNKS_IN_FLIGHT = 3;

    private final BufferAllocator allocator;
    private final AdaptiveChunkSize chunkSize;
    private final DayWriteStrategy unorderedFiles;

    ChunkedDayWriter(BufferAllocator allocator, AdaptiveChunkSize chunkSize, DayWriteStrategy unorderedFiles) {
        this.allocator = requireNonNull(allocator, "allocator is null");
        this.chunkSize = requireNonNull(chunkSize, "chunkSize is null");
        this.unorderedFiles = requireNonNull(unorderedFiles, "unorderedFiles is null");
    }

    @Override
    public DayContent write(FlatFileKey key, Path source, Path target) throws IOException {
        DayContent inOrder = writeIfInOrder(key, source, target);
        return inOrder != null ? inOrder : unorderedFiles.write(key, source, target);
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
}
