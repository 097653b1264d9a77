package quantmini.ingest;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import quantmini.core.FlatFileKey;
import quantmini.core.Preconditions;
import quantmini.core.progress.ProgressListener;

/** The parallel mode: several files at once, each whole in memory, on a fixed pool of threads. */
final class ParallelIngestor implements Ingestor {
    private final DayPipeline pipeline;
    private final DayWriteStrategy strategy;
    private final int threads;

    ParallelIngestor(DayPipeline pipeline, DayWriteStrategy strategy, int threads) {
        Preconditions.checkArgument(threads > 0, "threads must be positive: %s", threads);
        this.pipeline = requireNonNull(pipeline, "pipeline is null");
        this.strategy = requireNonNull(strategy, "strategy is null");
        this.threads = threads;
    }

    @Override
    public IngestSummary ingest(List<FlatFileKey> keys, ProgressListener listener) {
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, keys.size())), runnable -> {
            Thread thread = new Thread(runnable, "ingest-worker");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<DayReport>> futures = new ArrayList<>();
            for (FlatFileKey key : keys) {
                futures.add(pool.submit(() -> pipeline.run(key, strategy, listener)));
            }
            List<DayReport> reports = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++) {
                try {
                    reports.add(futures.get(i).get());
                } catch (ExecutionException e) {
                    reports.add(DayReport.failed(keys.get(i), 0, keys.get(i) + ": " + e.getCause()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    reports.add(DayReport.failed(keys.get(i), 0, keys.get(i) + ": interrupted"));
                }
            }
            return new IngestSummary(reports, (System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }
}
