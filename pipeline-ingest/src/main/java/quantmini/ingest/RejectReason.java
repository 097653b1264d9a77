package quantmini.ingest;

import java.util.Locale;

/**
 * Why a row went to quarantine (DESIGN.md §3). {@link #code()} is what the quarantine file's
 * {@code reason} column holds.
 */
public enum RejectReason {
    /** A number column holds something that is not a number. */
    UNPARSEABLE_NUMBER,
    /** Fewer fields than the header has, or an empty value. */
    MISSING_FIELD,
    /** More fields than the header has. */
    EXTRA_FIELD,
    /** A volume or transaction count with a non-zero fraction. */
    FRACTIONAL_VOLUME,
    /** {@code high} below {@code low}. */
    HIGH_BELOW_LOW,
    /** A negative price, volume or transaction count. */
    NEGATIVE_VALUE,
    /** A second row with an earlier row's (ticker, window_start); the first one is kept. */
    DUPLICATE_KEY,
    /** {@code window_start} is not 19 digits of nanoseconds, or not a whole microsecond. */
    BAD_WINDOW_START,
    /** An options row whose ticker is no OCC symbol, so underlying, expiration and strike are unknown. */
    BAD_OPTION_TICKER;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
