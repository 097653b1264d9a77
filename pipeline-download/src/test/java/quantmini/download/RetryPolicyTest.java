package quantmini.download;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private final RetryPolicy policy = new RetryPolicy(6, Duration.ofMillis(100), Duration.ofSeconds(1));

    @Test
    void theBoundDoublesAfterEachFailureUpToTheMaximum() {
        // a draw just under 1 shows the bound itself
        double top = Math.nextDown(1.0);
        assertEquals(99, policy.backoff(1, top).toMillis());
        assertEquals(199, policy.backoff(2, top).toMillis());
        assertEquals(399, policy.backoff(3, top).toMillis());
        assertEquals(799, policy.backoff(4, top).toMillis());
        assertEquals(999, policy.backoff(5, top).toMillis());
        assertEquals(999, policy.backoff(500, top).toMillis(), "saturates, never overflows");
    }

    @Test
    void theJitterSpreadsWaitsFromZeroToTheBound() {
        assertEquals(0, policy.backoff(3, 0.0).toMillis());
        assertEquals(200, policy.backoff(3, 0.5).toMillis());
    }

    @Test
    void attemptsAreCountedWithTheFirst() {
        assertTrue(policy.allowsRetryAfter(5));
        assertFalse(policy.allowsRetryAfter(6));
        assertFalse(new RetryPolicy(1, Duration.ZERO, Duration.ZERO).allowsRetryAfter(1));
    }

    @Test
    void badValuesAreRefusedWithTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO));
        assertEquals("maxAttempts must be at least 1: 0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(3, Duration.ofSeconds(2), Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> policy.backoff(0, 0.5));
        assertThrows(IllegalArgumentException.class, () -> policy.backoff(1, 1.0));
    }
}
