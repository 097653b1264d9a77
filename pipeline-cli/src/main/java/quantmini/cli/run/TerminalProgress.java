package quantmini.cli.run;

import static java.util.Objects.requireNonNull;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import quantmini.core.progress.ProgressListener;

/**
 * Shows a job's progress: a bar redrawn in place on a terminal (files, bytes, rows, rate, ETA),
 * or, when standard error is not a terminal (cron, launchd, CI), a plain log line after each
 * tenth of the job (at most one per 5 seconds), at least every 30 seconds, and at the end.
 */
public final class TerminalProgress implements ProgressListener {
    private static final Logger LOG = LoggerFactory.getLogger(TerminalProgress.class);
    private static final long REDRAW_NANOS = Duration.ofMillis(200).toNanos();
    private static final long LOG_EVERY_NANOS = Duration.ofSeconds(30).toNanos();
    private static final long LOG_AT_MOST_NANOS = Duration.ofSeconds(5).toNanos();
    private static final int BAR_WIDTH = 24;

    private final PrintStream terminal;
    private final LongSupplier clock;
    private final AtomicLong units = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong rows = new AtomicLong();
    private String task = "";
    private long totalUnits;
    private long startNanos;
    private long lastDrawNanos;
    private long lastLoggedUnits;

    /**
     * @param terminal where to draw the bar, or null to log plain lines instead
     * @param clock nanosecond time source
     */
    public TerminalProgress(PrintStream terminal, LongSupplier clock) {
        this.terminal = terminal;
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Draws on standard error when it is a terminal, logs otherwise. */
    public static TerminalProgress forThisProcess() {
        return new TerminalProgress(System.console() != null ? System.err : null, System::nanoTime);
    }

    @Override
    public synchronized void started(String task, long totalUnits, long totalBytes) {
        this.task = requireNonNull(task, "task is null");
        this.totalUnits = totalUnits;
        units.set(0);
        failed.set(0);
        bytes.set(0);
        rows.set(0);
        startNanos = clock.getAsLong();
        lastDrawNanos = 0;
        lastLoggedUnits = 0;
        if (terminal == null) {
            lastDrawNanos = startNanos;
            LOG.info("{}: {} to do", task, totalUnits);
        }
    }

    @Override
    public void bytesDone(long count) {
        bytes.addAndGet(count);
        maybeShow(false);
    }

    @Override
    public void rowsDone(long count) {
        rows.addAndGet(count);
        maybeShow(false);
    }

    @Override
    public void unitDone(String unit, boolean succeeded) {
        units.incrementAndGet();
        if (!succeeded) {
            failed.incrementAndGet();
        }
        maybeShow(false);
    }

    @Override
    public synchronized void finished() {
        maybeShow(true);
        if (terminal != null) {
            terminal.println();
            terminal.flush();
        }
    }

    private synchronized void maybeShow(boolean force) {
        long now = clock.getAsLong();
        if (terminal != null) {
            if (force || now - lastDrawNanos >= REDRAW_NANOS) {
                lastDrawNanos = now;
                terminal.print("\r" + line(now));
                terminal.flush();
            }
            return;
        }
        long done = units.get();
        boolean tenthMore = totalUnits > 0 && (done - lastLoggedUnits) * 10 >= totalUnits;
        long sinceLast = now - lastDrawNanos;
        boolean due = force || (tenthMore && sinceLast >= LOG_AT_MOST_NANOS) || sinceLast >= LOG_EVERY_NANOS;
        if (due && done > lastLoggedUnits) {
            lastDrawNanos = now;
            lastLoggedUnits = done;
            LOG.info(line(now));
        }
    }

    /** e.g. {@code download [=======>        ] 12/40  345.2 MB  56.3 MB/s  ETA 0:12}. */
    String line(long now) {
        double seconds = Math.max((now - startNanos) / 1e9, 1e-3);
        long done = units.get();
        StringBuilder line = new StringBuilder(task).append(' ');
        if (totalUnits > 0) {
            int filled = (int) Math.min(BAR_WIDTH, done * BAR_WIDTH / totalUnits);
            line.append('[').append("=".repeat(filled)).append(filled < BAR_WIDTH ? ">" : "")
                    .append(" ".repeat(Math.max(0, BAR_WIDTH - filled - 1))).append("] ");
        }
        line.append(done).append(totalUnits > 0 ? "/" + totalUnits : "");
        if (failed.get() > 0) {
            line.append(" (").append(failed.get()).append(" failed)");
        }
        if (bytes.get() > 0) {
            line.append(String.format(Locale.ROOT, "  %.1f MB  %.1f MB/s", bytes.get() / 1e6, bytes.get() / 1e6 / seconds));
        }
        if (rows.get() > 0) {
            line.append(String.format(Locale.ROOT, "  %,d rows  %,.0f rows/s", rows.get(), rows.get() / seconds));
        }
        if (totalUnits > 0 && done > 0 && done < totalUnits) {
            long eta = (long) (seconds / done * (totalUnits - done));
            line.append(String.format(Locale.ROOT, "  ETA %d:%02d", eta / 60, eta % 60));
        }
        return line.toString();
    }
}
