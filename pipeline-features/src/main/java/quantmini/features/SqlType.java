package quantmini.features;

/** The Parquet/DuckDB type of a silver feature column. */
public enum SqlType {
    DOUBLE, BIGINT, INTEGER, VARCHAR;

    /** The DuckDB type name the engine casts the formula's result to. */
    public String sqlName() {
        return name();
    }
}
