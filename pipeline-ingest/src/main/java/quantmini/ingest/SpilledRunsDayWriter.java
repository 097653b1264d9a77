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
 * The streaming mode's way for a file not in bronze order: each chunk sorted and spilled to disk
 * as a run, then the runs merged into the writer. Memory stays a chunk plus a small batch per run,
 * whatever the file's size.
 */
final class SpilledRunsDayWriter implements DayWriteStrategy {
    private final BufferAllocator allocator;
    private final AdaptiveChunkSize chunkSize;
    private final Path spillRoot;

    SpilledRunsDayWriter(BufferAllocator allocator, AdaptiveChunkSize chunkSize, Path spillRoot) {
        this.allocator = requireNonNull(allocator, "allocator is null");
        this.chunkSize = requireNonNull(chunkSize, "chunkSize is null");
        this.spillRoot = requireNonNull(spillRoot, "spillRoot is null");
    }

    @Override
    public DayContent write(FlatFileKey key, Path source, Path target) throws IOException {
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
