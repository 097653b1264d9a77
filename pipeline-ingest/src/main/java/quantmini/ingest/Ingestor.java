package quantmini.ingest;

import java.util.List;
import quantmini.core.FlatFileKey;
import quantmini.core.memory.MemoryPressure;
import quantmini.core.progress.ProgressListener;

/**
 * Ingests landing files into bronze. A day that fails is reported in the summary, not thrown:
 * the other days go on.
 */
public interface Ingestor {
    IngestSummary ingest(List<FlatFileKey> keys, ProgressListener listener);

    /** Hears the memory monitor; modes that can shrink their chunks do. */
    default void onMemoryPressure(MemoryPressure level) {}
}
