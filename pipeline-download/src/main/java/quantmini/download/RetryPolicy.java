package quantmini.download;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import quantmini.core.Preconditions;

/**
 * How often and how patiently to retry a source call that failed transiently: exponential
 * backoff with full jitter (a random wait between zero and the exponential bound), so that many
 * downloads throttled at the same moment do not all come back at the same moment.
 *
 * @param maxAttempts attempts in all, the first included; 1 means no retry
 * @param baseDelay the bound on the wait after the first failure; it doubles after each one
 * @param maxDelay the bound the doubling stops at
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay) {

    /** 6 attempts, waits bounded by 0.25 s, 0.5 s, 1 s, 2 s, 4 s: about 8 s of waiting at most. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(6, Duration.ofMillis(250), Duration.ofSeconds(20));
    }

    public RetryPolicy {
        requireNonNull(baseDelay, "baseDelay is null");
        requireNonNull(maxDelay, "maxDelay is null");
        Preconditions.checkArgument(maxAttempts >= 1, "maxAttempts must be at least 1: %s", maxAttempts);
        Preconditions.checkArgument(!baseDelay.isNegative(), "baseDelay must not be negative: %s", baseDelay);
        Preconditions.checkArgument(maxDelay.compareTo(baseDelay) >= 0,
                "maxDelay must not be below baseDelay: %s", maxDelay);
    }

    /** True when another attempt may follow {@code failedAttempts} failed ones. */
    public boolean allowsRetryAfter(int failedAttempts) {
        return failedAttempts < maxAttempts;
    }

    /**
     * The wait before the next attempt after {@code failedAttempts} failures (1 or more).
     *
     * @param random a draw in [0, 1) that picks the point within the bound
     */
    public Duration backoff(int failedAttempts, double random) {
        Preconditions.checkArgument(failedAttempts >= 1, "failedAttempts must be at least 1: %s", failedAttempts);
        Preconditions.checkArgument(random >= 0 && random < 1, "random must be in [0, 1): %s", random);
        // doubles as a double, so that many failures saturate at maxDelay instead of overflowing
        double bound = Math.min((double) maxDelay.toMillis(), baseDelay.toMillis() * Math.pow(2, failedAttempts - 1));
        return Duration.ofMillis((long) (bound * random));
    }
}
