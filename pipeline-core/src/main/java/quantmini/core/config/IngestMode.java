package quantmini.core.config;

/**
 * How bronze ingest uses memory and cores; the system profile recommends one by the machine's
 * memory (DESIGN.md, the design card).
 */
public enum IngestMode {
    /** Bounded memory: a few chunks in flight, external sort; for machines under 32 GB. */
    STREAMING,
    /**
     * Memory for a whole file: a file in bronze order streams through (parse and write overlap),
     * any other is sorted whole in memory instead of spilled; for 32-64 GB.
     */
    BATCH,
    /** Several files at once on all cores; above 64 GB. */
    PARALLEL
}
