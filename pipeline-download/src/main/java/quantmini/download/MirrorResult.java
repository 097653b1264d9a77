package quantmini.download;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import quantmini.core.FlatFileKey;

/**
 * What one mirror run did: an outcome per key (in key order) and the totals the summary line
 * shows. MB are 10^6 bytes.
 */
public final class MirrorResult {
    private final List<KeyResult> results;
    private final Duration elapsed;

    public MirrorResult(List<KeyResult> results, Duration elapsed) {
        this.results = requireNonNull(results, "results is null").stream()
                .sorted(Comparator.comparing(KeyResult::key))
                .collect(Collectors.toUnmodifiableList());
        this.elapsed = requireNonNull(elapsed, "elapsed is null");
    }

    public List<KeyResult> results() {
        return results;
    }

    public Duration elapsed() {
        return elapsed;
    }

    /** Files landed by this run, new or changed. */
    public long filesFetched() {
        return results.stream().filter(r -> r.outcome().landedNewBytes()).count();
    }

    /** Of {@link #filesFetched()}, those that replaced an older copy (the vendor republished). */
    public long filesChanged() {
        return count(MirrorOutcome.REFETCHED_CHANGED);
    }

    public long filesSkipped() {
        return count(MirrorOutcome.SKIPPED);
    }

    public long filesFailed() {
        return count(MirrorOutcome.FAILED);
    }

    /** Bytes landed by this run. */
    public long bytes() {
        return results.stream().mapToLong(KeyResult::bytes).sum();
    }

    public double seconds() {
        return elapsed.toNanos() / 1e9;
    }

    public double megabytesPerSecond() {
        double seconds = seconds();
        return seconds <= 0 ? 0 : bytes() / 1e6 / seconds;
    }

    /** Keys whose landing file is new or replaced: what later stages must (re)process. */
    public List<FlatFileKey> landedKeys() {
        return keysWhere(r -> r.outcome().landedNewBytes());
    }

    /** Keys re-fetched because the source's copy changed. */
    public List<FlatFileKey> changedKeys() {
        return keysWhere(r -> r.outcome() == MirrorOutcome.REFETCHED_CHANGED);
    }

    public List<KeyResult> failures() {
        return results.stream().filter(r -> r.outcome() == MirrorOutcome.FAILED).collect(Collectors.toUnmodifiableList());
    }

    public boolean allSucceeded() {
        return filesFailed() == 0;
    }

    /** e.g. {@code fetched 12 (2 changed), skipped 3, failed 0, 41.2 MB in 1.3 s, 31.7 MB/s} */
    public String summaryLine() {
        return String.format("fetched %d (%d changed), skipped %d, failed %d, %.1f MB in %.1f s, %.1f MB/s",
                filesFetched(), filesChanged(), filesSkipped(), filesFailed(), bytes() / 1e6, seconds(), megabytesPerSecond());
    }

    private long count(MirrorOutcome outcome) {
        return results.stream().filter(r -> r.outcome() == outcome).count();
    }

    private List<FlatFileKey> keysWhere(java.util.function.Predicate<KeyResult> filter) {
        return results.stream().filter(filter).map(KeyResult::key).collect(Collectors.toUnmodifiableList());
    }

    @Override
    public String toString() {
        return "MirrorResult[" + summaryLine() + "]";
    }
}
