package quantmini.core.profile;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import quantmini.core.Preconditions;
import quantmini.core.config.ConfigKeys;
import quantmini.core.config.IngestMode;
import quantmini.core.config.PipelineConfig;

/**
 * How much of the machine a run may use: what the profiler recommends, and after
 * {@link #resolve} what configuration overrides of it leave.
 *
 * @param memoryBudgetBytes the process's budget (heap and native); the memory monitor's
 *     warning and critical levels are fractions of it
 */
public record ResourceLimits(
        IngestMode mode,
        long memoryBudgetBytes,
        int chunkRows,
        int workerThreads,
        int concurrentDownloads) {

    public ResourceLimits {
        requireNonNull(mode, "mode is null");
        Preconditions.checkArgument(memoryBudgetBytes > 0, "memoryBudgetBytes must be positive: %s", memoryBudgetBytes);
        Preconditions.checkArgument(chunkRows > 0, "chunkRows must be positive: %s", chunkRows);
        Preconditions.checkArgument(workerThreads > 0, "workerThreads must be positive: %s", workerThreads);
        Preconditions.checkArgument(concurrentDownloads > 0, "concurrentDownloads must be positive: %s", concurrentDownloads);
    }

    /**
     * These limits with every value the configuration sets (command line, environment, config
     * files) put in place of the recommendation; {@code auto} keeps the recommendation.
     */
    public ResourceLimits overriddenBy(PipelineConfig config) {
        return new ResourceLimits(
                config.get(ConfigKeys.INGEST_MODE).orElse(mode),
                config.get(ConfigKeys.LIMITS_MAX_MEMORY_GB).map(gb -> (long) (gb * 1e9)).orElse(memoryBudgetBytes),
                config.get(ConfigKeys.INGEST_CHUNK_ROWS).orElse(chunkRows),
                config.get(ConfigKeys.LIMITS_WORKER_THREADS).orElse(workerThreads),
                config.get(ConfigKeys.LIMITS_CONCURRENT_DOWNLOADS).orElse(concurrentDownloads));
    }

    /** The limits the configuration names in full, or empty when some are left to the profile. */
    public static Optional<ResourceLimits> configured(PipelineConfig config) {
        Optional<IngestMode> mode = config.get(ConfigKeys.INGEST_MODE);
        Optional<Double> memoryGb = config.get(ConfigKeys.LIMITS_MAX_MEMORY_GB);
        Optional<Integer> chunkRows = config.get(ConfigKeys.INGEST_CHUNK_ROWS);
        Optional<Integer> threads = config.get(ConfigKeys.LIMITS_WORKER_THREADS);
        Optional<Integer> downloads = config.get(ConfigKeys.LIMITS_CONCURRENT_DOWNLOADS);
        if (mode.isEmpty() || memoryGb.isEmpty() || chunkRows.isEmpty() || threads.isEmpty() || downloads.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ResourceLimits(mode.get(), (long) (memoryGb.get() * 1e9), chunkRows.get(), threads.get(),
                downloads.get()));
    }

    public double memoryBudgetGb() {
        return memoryBudgetBytes / 1e9;
    }
}
