package quantmini.ingest;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.arrow.memory.BufferAllocator;
import quantmini.core.FlatFileKey;
import quantmini.storage.BronzeSchema;
import quantmini.storage.ParquetOptions;
import quantmini.storage.ParquetTableWriter;

/** The batch mode's way: the whole file in one batch, sorted in memory unless it came sorted. */
final class InMemoryDayWriter implements DayWriteStrategy {
    private final BufferAllocator allocator;

    InMemoryDayWriter(BufferAllocator allocator) {
        this.allocator = requireNonNull(allocator, "allocator is null");
    }

    @Override
    public DayContent write(FlatFileKey key, Path source, Path target) throws IOException {
        TickerDictionary tickers = new TickerDictionary(key.dataType().isOptions());
        RejectLog rejects = new RejectLog();
        try (BufferAllocator child = allocator.newChildAllocator("batch " + key, 0, Long.MAX_VALUE);
                BarBatch batch = new BarBatch(key.dataType(), child);
                FlatFileParser parser = FlatFileParser.open(source, key.dataType(), key.date(), tickers, rejects);
                ParquetTableWriter writer = ParquetTableWriter.open(target, BronzeSchema.of(key.dataType()), ParquetOptions.bars())) {
            BronzeRowSink sink = new BronzeRowSink(writer, rejects);
            parser.next(batch, Integer.MAX_VALUE);
            if (parser.inOrder()) {
                sink.acceptAll(batch);
            } else {
                sink.acceptAll(batch, BatchSorter.order(batch, tickers));
            }
            return new DayContent(parser.dataRows(), sink, tickers, rejects);
        }
    }
}
