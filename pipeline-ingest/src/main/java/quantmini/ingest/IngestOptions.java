package quantmini.ingest;

import quantmini.core.Preconditions;

/**
 * Tuning of the ingest.
 *
 * @param chunkRows rows per chunk of the streaming mode when memory is plentiful
 * @param minChunkRows the smallest chunk under memory pressure
 * @param threads files ingested at once by the parallel mode
 */
public record IngestOptions(int chunkRows, int minChunkRows, int threads) {
    public IngestOptions {
        Preconditions.checkArgument(minChunkRows > 0, "minChunkRows must be positive: %s", minChunkRows);
        Preconditions.checkArgument(chunkRows >= minChunkRows, "chunkRows %s is below minChunkRows %s", chunkRows, minChunkRows);
        Preconditions.checkArgument(threads > 0, "threads must be positive: %s", threads);
    }

    /** 256 Ki-row chunks (~20 MB of vectors), down to 16 Ki; one thread per core. */
    public static IngestOptions defaults() {
        return new IngestOptions(262_144, 16_384, Runtime.getRuntime().availableProcessors());
    }

    /**
     * From the configuration ({@code ingest.chunk_rows}, {@code limits.worker_threads}): memory
     * pressure may shrink chunks to a sixteenth of the configured size, but not below 1,000 rows.
     */
    public static IngestOptions of(int chunkRows, int threads) {
        Preconditions.checkArgument(chunkRows > 0, "chunkRows must be positive: %s", chunkRows);
        return new IngestOptions(chunkRows, Math.min(chunkRows, Math.max(1_000, chunkRows / 16)), threads);
    }

    public IngestOptions withChunkRows(int rows, int minRows) {
        return new IngestOptions(rows, minRows, threads);
    }

    public IngestOptions withThreads(int count) {
        return new IngestOptions(chunkRows, minChunkRows, count);
    }
}
