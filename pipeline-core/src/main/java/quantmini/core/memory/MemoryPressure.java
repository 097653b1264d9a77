package quantmini.core.memory;

/** How close the process is to its memory budget. */
public enum MemoryPressure {
    /** Under 75% of the budget. */
    NORMAL,
    /** At 75% or more: worth a log line; work goes on as it is. */
    WARNING,
    /** At 85% or more: ingest shrinks its batches and holds fewer in flight. */
    CRITICAL;

    static final double WARNING_FRACTION = 0.75;
    static final double CRITICAL_FRACTION = 0.85;

    /** The level for a fraction of the budget in use. */
    public static MemoryPressure ofFraction(double fractionUsed) {
        if (fractionUsed >= CRITICAL_FRACTION) {
            return CRITICAL;
        }
        return fractionUsed >= WARNING_FRACTION ? WARNING : NORMAL;
    }
}
