package quantmini.core.config;

/** Which minutes the Qlib 1min calendar holds. */
public enum MinuteSession {
    /** 09:30-15:59 New York time (12:59 on half days). */
    REGULAR,
    /** 04:00-19:59 New York time. */
    EXTENDED
}
