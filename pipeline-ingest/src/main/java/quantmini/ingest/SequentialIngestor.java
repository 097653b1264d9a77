package quantmini.ingest;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import quantmini.core.FlatFileKey;
import quantmini.core.memory.MemoryPressure;
import quantmini.core.progress.ProgressListener;

/** The streaming and batch modes: one file after the other, each with the mode's strategy. */
final class SequentialIngestor implements Ingestor {
    private final DayPipeline pipeline;
    private final DayWriteStrategy strategy;
    private final AdaptiveChunkSize chunkSize;

    SequentialIngestor(DayPipeline pipeline, DayWriteStrategy strategy, AdaptiveChunkSize chunkSize) {
        this.pipeline = requireNonNull(pipeline, "pipeline is null");
        this.strategy = requireNonNull(strategy, "strategy is null");
        this.chunkSize = chunkSize;
    }

    @Override
    public IngestSummary ingest(List<FlatFileKey> keys, ProgressListener listener) {
        long start = System.nanoTime();
        List<DayReport> reports = new ArrayList<>();
        for (FlatFileKey key : keys) {
            reports.add(pipeline.run(key, strategy, listener));
        }
        return new IngestSummary(reports, (System.nanoTime() - start) / 1e9);
    }

    @Override
    public void onMemoryPressure(MemoryPressure level) {
        if (chunkSize != null) {
            chunkSize.onMemoryPressure(level);
        }
    }
}
