package quantmini.qlib;

/** Which lake layer a gold tree reads. */
public enum SourceLayer {
    /** Bronze columns plus features: the normal input. */
    SILVER,
    /** The price fields only; vwap is then (high + low + close) / 3. */
    BRONZE,
    /** Silver when the data type has any silver file, else bronze. */
    AUTO
}
