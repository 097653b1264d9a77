package quantmini.ingest;

/** How short of memory the process is, as a memory monitor reports it. */
public enum MemoryPressure {
    /** Plenty: chunks may grow back to their configured size. */
    NORMAL,
    /** Getting tight: halve the chunk size. */
    HIGH,
    /** Near the limit: go to the smallest chunk size. */
    CRITICAL
}
