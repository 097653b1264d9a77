package quantmini.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Float comparison of a silver value with the test's own computation. */
final class Approx {
    private Approx() {}

    /** {@code expected} null means the silver value must be null (never zero, never NaN). */
    static void check(Double expected, Object actual, String what) {
        if (expected == null) {
            assertNull(actual, what + " should be null");
            return;
        }
        assertTrue(actual instanceof Number, what + ": expected " + expected + " but was " + actual);
        double value = ((Number) actual).doubleValue();
        double tolerance = 1e-9 * Math.max(1, Math.abs(expected));
        assertEquals(expected, value, tolerance, what);
    }
}
