package quantmini.storage;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import quantmini.core.DataType;

/**
 * The bronze columns of DESIGN.md §3 as Arrow schemas, stocks and options variants. Every column
 * is non-nullable: a row that lacks a value is quarantined, never written with a null.
 */
public final class BronzeSchema {
    public static final String TICKER = "ticker";
    public static final String VOLUME = "volume";
    public static final String OPEN = "open";
    public static final String HIGH = "high";
    public static final String LOW = "low";
    public static final String CLOSE = "close";
    public static final String WINDOW_START = "window_start";
    public static final String TRANSACTIONS = "transactions";
    public static final String DATE = "date";
    public static final String UNDERLYING = "underlying";
    public static final String EXPIRATION = "expiration";
    public static final String OPTION_TYPE = "option_type";
    public static final String STRIKE = "strike";

    public static final ArrowType UTF8 = ArrowType.Utf8.INSTANCE;
    public static final ArrowType INT64 = new ArrowType.Int(64, true);
    public static final ArrowType FLOAT64 = new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
    public static final ArrowType DATE32 = new ArrowType.Date(DateUnit.DAY);
    public static final ArrowType TIMESTAMP_US_UTC = new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC");

    private static final Schema STOCKS = new Schema(stockFields());
    private static final Schema OPTIONS = new Schema(optionFields());

    private BronzeSchema() {}

    /** The schema of the bronze files of {@code type}. */
    public static Schema of(DataType type) {
        requireNonNull(type, "type is null");
        return type.isOptions() ? OPTIONS : STOCKS;
    }

    /**
     * The order of the rows within a bronze (and silver) day file (DESIGN.md §2): stocks by
     * (ticker, window_start), options by (underlying, expiration, option_type, strike, window_start).
     */
    public static List<String> sortOrder(DataType type) {
        requireNonNull(type, "type is null");
        return type.isOptions() ? List.of(UNDERLYING, EXPIRATION, OPTION_TYPE, STRIKE, WINDOW_START) : List.of(TICKER, WINDOW_START);
    }

    public static Schema stocks() {
        return STOCKS;
    }

    public static Schema options() {
        return OPTIONS;
    }

    public static Field required(String name, ArrowType type) {
        return new Field(name, FieldType.notNullable(type), null);
    }

    private static List<Field> stockFields() {
        List<Field> fields = new ArrayList<>();
        fields.add(required(TICKER, UTF8));
        fields.add(required(VOLUME, INT64));
        fields.add(required(OPEN, FLOAT64));
        fields.add(required(HIGH, FLOAT64));
        fields.add(required(LOW, FLOAT64));
        fields.add(required(CLOSE, FLOAT64));
        fields.add(required(WINDOW_START, TIMESTAMP_US_UTC));
        fields.add(required(TRANSACTIONS, INT64));
        fields.add(required(DATE, DATE32));
        return fields;
    }

    private static List<Field> optionFields() {
        List<Field> fields = stockFields();
        fields.add(required(UNDERLYING, UTF8));
        fields.add(required(EXPIRATION, DATE32));
        fields.add(required(OPTION_TYPE, UTF8));
        fields.add(required(STRIKE, FLOAT64));
        return fields;
    }
}
