package quantmini.core.memory;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import quantmini.core.Preconditions;

/**
 * Watches heap and resident memory against the run's budget and tells listeners when the level
 * changes (warning at 75%, critical at 85%), so ingest can shrink its batches before the JVM or
 * the OS ends the run. Sample on demand with {@link #check()}, or periodically with
 * {@link #start(Duration)}.
 */
public final class MemoryMonitor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MemoryMonitor.class);

    private final MemoryUsageSource source;
    private final long budgetBytes;
    private final List<MemoryPressureListener> listeners = new CopyOnWriteArrayList<>();
    private MemoryPressure level = MemoryPressure.NORMAL;
    private ScheduledExecutorService scheduler;

    public MemoryMonitor(MemoryUsageSource source, long budgetBytes) {
        this.source = requireNonNull(source, "source is null");
        Preconditions.checkArgument(budgetBytes > 0, "budgetBytes must be positive: %s", budgetBytes);
        this.budgetBytes = budgetBytes;
    }

    public void addListener(MemoryPressureListener listener) {
        listeners.add(requireNonNull(listener, "listener is null"));
    }

    /** The level of the last sample. */
    public synchronized MemoryPressure level() {
        return level;
    }

    /** Samples now, updates the level and tells listeners if it changed. */
    public MemoryPressure check() {
        MemorySnapshot snapshot = source.sample();
        MemoryPressure current = MemoryPressure.ofFraction(snapshot.fractionUsed(budgetBytes));
        MemoryPressure previous;
        synchronized (this) {
            previous = level;
            level = current;
        }
        if (current != previous) {
            if (current.compareTo(previous) > 0) {
                LOG.warn("memory pressure {} -> {}: heap {} MB of {} MB, resident {} MB of a {} MB budget",
                        previous, current, snapshot.heapUsedBytes() >> 20, snapshot.heapMaxBytes() >> 20,
                        snapshot.resident().orElse(-1 << 20) >> 20, budgetBytes >> 20);
            } else {
                LOG.info("memory pressure {} -> {}", previous, current);
            }
            for (MemoryPressureListener listener : listeners) {
                listener.onPressureChanged(previous, current, snapshot);
            }
        }
        return current;
    }

    /** Samples every {@code interval} on a daemon thread until {@link #close()}. */
    public synchronized void start(Duration interval) {
        Preconditions.checkState(scheduler == null, "the monitor is already running");
        Preconditions.checkArgument(!interval.isNegative() && !interval.isZero(), "interval must be positive: %s", interval);
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "memory-monitor");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleAtFixedRate(this::checkQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void checkQuietly() {
        try {
            check();
        } catch (RuntimeException e) {
            // a failed reading must not end the monitoring of a long run
            LOG.debug("memory sample failed", e);
        }
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }
}
