package quantmini.qlib;

import static java.util.Objects.requireNonNull;

import quantmini.core.DataType;
import quantmini.core.Preconditions;

/** A Qlib calendar frequency: the suffix of the calendar file and of every {@code .bin} file. */
public enum QlibFrequency {
    DAY("day"),
    MINUTE("1min");

    private final String suffix;

    QlibFrequency(String suffix) {
        this.suffix = suffix;
    }

    /** {@code day} or {@code 1min}, as in {@code calendars/day.txt} and {@code close.day.bin}. */
    public String suffix() {
        return suffix;
    }

    /** The frequency of a data type that has a gold tree (DESIGN.md §2). */
    public static QlibFrequency of(DataType type) {
        requireNonNull(type, "type is null");
        Preconditions.checkArgument(GoldBuilder.SUPPORTED_TYPES.contains(type),
                "no Qlib gold tree for data type %s (supported: %s)", type, GoldBuilder.SUPPORTED_TYPES);
        return type.interval() == DataType.BarInterval.DAY ? DAY : MINUTE;
    }
}
