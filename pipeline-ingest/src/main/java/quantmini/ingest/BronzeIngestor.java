package quantmini.ingest;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import quantmini.core.DataType;
import quantmini.core.FlatFileKey;
import quantmini.core.config.IngestMode;
import quantmini.core.memory.MemoryPressure;
import quantmini.core.memory.MemoryPressureListener;
import quantmini.core.memory.MemorySnapshot;
import quantmini.core.progress.ProgressListener;
import quantmini.storage.BronzeStore;
import quantmini.storage.LakeLayout;
import quantmini.storage.MetadataStore;

/**
 * What the command line calls: landing files to bronze, quarantine and metadata in the chosen
 * {@link IngestMode}. Owns the Arrow memory of the ingest; close it when done.
 *
 * <pre>{@code
 * try (BronzeIngestor ingest = new BronzeIngestor(new LakeLayout(dataRoot), IngestMode.STREAMING, IngestOptions.defaults())) {
 *     IngestSummary summary = ingest.ingest(keys, listener);
 * }
 * }</pre>
 */
public final class BronzeIngestor implements Ingestor, MemoryPressureListener, AutoCloseable {
    private final BufferAllocator allocator;
    private final Ingestor ingestor;
    private final IngestMode mode;
    private final LakeLayout layout;
    private final DayMetadataRecorder metadata;

    public BronzeIngestor(LakeLayout layout, IngestMode mode, IngestOptions options) {
        this.layout = requireNonNull(layout, "layout is null");
        this.mode = requireNonNull(mode, "mode is null");
        requireNonNull(options, "options is null");
        this.allocator = new RootAllocator();
        BronzeStore bronze = new BronzeStore(layout, allocator);
        this.metadata = new DayMetadataRecorder(bronze, new MetadataStore(layout, allocator));
        DayPipeline pipeline = new DayPipeline(bronze, new QuarantineWriter(layout), metadata);
        switch (mode) {
            case STREAMING: {
                AdaptiveChunkSize chunks = new AdaptiveChunkSize(options.chunkRows(), options.minChunkRows());
                DayWriteStrategy spilled = new SpilledRunsDayWriter(allocator, chunks, layout.spillRoot());
                this.ingestor = new SequentialIngestor(pipeline, new ChunkedDayWriter(allocator, chunks, spilled), chunks);
                break;
            }
            case BATCH: {
                // files in order stream through (parse and write overlap); others are sorted whole in memory
                AdaptiveChunkSize chunks = new AdaptiveChunkSize(options.chunkRows(), options.minChunkRows());
                this.ingestor = new SequentialIngestor(pipeline, new ChunkedDayWriter(allocator, chunks, new InMemoryDayWriter(allocator)), chunks);
                break;
            }
            case PARALLEL:
                this.ingestor = new ParallelIngestor(pipeline, new InMemoryDayWriter(allocator), options.threads());
                break;
            default:
                throw new IllegalArgumentException("unknown mode " + mode);
        }
    }

    public IngestMode mode() {
        return mode;
    }

    @Override
    public IngestSummary ingest(List<FlatFileKey> keys, ProgressListener listener) {
        requireNonNull(keys, "keys is null");
        requireNonNull(listener, "listener is null");
        long bytes = 0;
        for (FlatFileKey key : keys) {
            bytes += sizeOrZero(layout.landingFile(key));
        }
        listener.started("ingest", keys.size(), bytes);
        List<DataType> types = keys.stream().map(FlatFileKey::dataType).distinct().toList();
        try {
            for (DataType type : types) {
                SpilledRuns.removeLeftovers(layout.spillRoot(), type);
            }
            // before any day starts: metadata a killed run left half-recorded is rebuilt from bronze
            metadata.recoverInterrupted(types);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot recover what a killed run left in " + layout.dataRoot(), e);
        }
        try {
            IngestSummary summary = ingestor.ingest(List.copyOf(keys), listener);
            metadata.flush();
            return summary;
        } catch (IOException e) {
            // the days stay marked pending: the next run rebuilds their metadata from bronze
            throw new UncheckedIOException("cannot record the metadata of the ingested days in " + layout.dataRoot(), e);
        } finally {
            listener.finished();
        }
    }

    private static long sizeOrZero(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0; // a missing file fails its day later, with its name
        }
    }

    @Override
    public void onMemoryPressure(MemoryPressure level) {
        ingestor.onMemoryPressure(level);
    }

    /** Lets a {@code MemoryMonitor} drive the chunk size: {@code monitor.addListener(ingestor)}. */
    @Override
    public void onPressureChanged(MemoryPressure previous, MemoryPressure current, MemorySnapshot snapshot) {
        onMemoryPressure(current);
    }

    @Override
    public void close() {
        allocator.close();
    }
}
