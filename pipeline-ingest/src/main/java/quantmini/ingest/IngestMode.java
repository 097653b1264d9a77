package quantmini.ingest;

/**
 * How the ingest holds a file. All three write the same bronze bytes; they differ in memory and
 * in how they use the cores. Choosing one for a machine (AUTO) is the caller's job.
 */
public enum IngestMode {
    /** One file at a time, in bounded chunks; sorts by spilling runs to disk: any file, little memory. */
    STREAMING,
    /** One file at a time, whole in memory: fastest per file when it fits. */
    BATCH,
    /** Several files at once, each whole in memory, on a pool of threads. */
    PARALLEL
}
