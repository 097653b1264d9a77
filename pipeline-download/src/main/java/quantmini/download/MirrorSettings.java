package quantmini.download;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import quantmini.core.Preconditions;

/**
 * How the landing mirror behaves.
 *
 * @param concurrentDownloads how many objects are in flight at once (the profile's
 *     {@code concurrent_downloads})
 * @param retry the retry policy for transient failures of one object
 * @param attemptTimeout the hard limit on one attempt to fetch one object, from the request to its
 *     last byte; an attempt past it is aborted and counts as a transient failure
 */
public record MirrorSettings(int concurrentDownloads, RetryPolicy retry, Duration attemptTimeout) {

    /** 8 downloads at once, {@link RetryPolicy#defaults()}, 15 minutes per attempt. */
    public static MirrorSettings defaults() {
        // An options_minute day is a few hundred MB; 15 minutes allows for ~1 MB/s links.
        return new MirrorSettings(8, RetryPolicy.defaults(), Duration.ofMinutes(15));
    }

    public MirrorSettings {
        requireNonNull(retry, "retry is null");
        requireNonNull(attemptTimeout, "attemptTimeout is null");
        Preconditions.checkArgument(concurrentDownloads >= 1 && concurrentDownloads <= 256,
                "concurrentDownloads must be in [1, 256]: %s", concurrentDownloads);
        Preconditions.checkArgument(!attemptTimeout.isNegative() && !attemptTimeout.isZero(),
                "attemptTimeout must be positive: %s", attemptTimeout);
    }

    public MirrorSettings withConcurrentDownloads(int count) {
        return new MirrorSettings(count, retry, attemptTimeout);
    }

    public MirrorSettings withRetry(RetryPolicy policy) {
        return new MirrorSettings(concurrentDownloads, policy, attemptTimeout);
    }

    public MirrorSettings withAttemptTimeout(Duration timeout) {
        return new MirrorSettings(concurrentDownloads, retry, timeout);
    }
}
