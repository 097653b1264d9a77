package quantmini.qlib;

import static java.util.Objects.requireNonNull;

import java.util.List;
import quantmini.core.Preconditions;

/**
 * One instrument's values over a stretch of the calendar, one float32 array per field, NaN where
 * it has no row: what its {@code .bin} files hold from {@code firstIndex} to {@code lastIndex}.
 */
final class InstrumentSeries {
    private final InstrumentName name;
    private final int firstIndex;
    private final int lastIndex;
    private final List<String> fields;
    private final float[][] values;
    private final double lastClose;

    InstrumentSeries(InstrumentName name, int firstIndex, int lastIndex, List<String> fields, float[][] values, double lastClose) {
        this.name = requireNonNull(name, "name is null");
        this.fields = List.copyOf(fields);
        Preconditions.checkArgument(firstIndex >= 0 && lastIndex >= firstIndex, "bad span [%s, %s]", firstIndex, lastIndex);
        Preconditions.checkArgument(values.length == this.fields.size(), "%s arrays for %s fields", values.length, fields.size());
        this.firstIndex = firstIndex;
        this.lastIndex = lastIndex;
        this.values = values;
        this.lastClose = lastClose;
    }

    public InstrumentName name() {
        return name;
    }

    /** Calendar index of the first row. */
    public int firstIndex() {
        return firstIndex;
    }

    /** Calendar index of the last row. */
    public int lastIndex() {
        return lastIndex;
    }

    public List<String> fields() {
        return fields;
    }

    /** The values of field number {@code field}, index 0 at {@link #firstIndex()}; do not modify. */
    float[] values(int field) {
        return values[field];
    }

    /** The close of the last row, full precision: the previous close of a later append. */
    public double lastClose() {
        return lastClose;
    }
}
