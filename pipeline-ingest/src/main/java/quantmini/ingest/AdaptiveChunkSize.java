package quantmini.ingest;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.atomic.AtomicInteger;
import quantmini.core.Preconditions;
import quantmini.core.memory.MemoryPressure;

/**
 * The rows per chunk of the streaming mode, shrinking when memory gets tight and growing back
 * when it eases. Thread-safe: a memory monitor calls {@link #onMemoryPressure} from its own
 * thread; the ingest reads {@link #rows()} before each chunk. Chunk sizes change how much memory
 * a file takes, never what is written.
 */
public final class AdaptiveChunkSize {
    private final int maxRows;
    private final int minRows;
    private final AtomicInteger current;

    public AdaptiveChunkSize(int maxRows, int minRows) {
        Preconditions.checkArgument(minRows > 0, "minRows must be positive: %s", minRows);
        Preconditions.checkArgument(maxRows >= minRows, "maxRows %s is below minRows %s", maxRows, minRows);
        this.maxRows = maxRows;
        this.minRows = minRows;
        this.current = new AtomicInteger(maxRows);
    }

    public int rows() {
        return current.get();
    }

    /**
     * NORMAL lets chunks grow back (doubling per call, up to the configured size); WARNING keeps
     * them as they are; CRITICAL drops to the smallest size at once, because the monitor reports
     * a level only when it changes.
     */
    public void onMemoryPressure(MemoryPressure level) {
        requireNonNull(level, "level is null");
        switch (level) {
            case NORMAL:
                current.updateAndGet(rows -> Math.min(maxRows, rows * 2));
                break;
            case WARNING:
                break;
            case CRITICAL:
                current.set(minRows);
                break;
            default:
                throw new IllegalArgumentException("unknown level " + level);
        }
    }
}
