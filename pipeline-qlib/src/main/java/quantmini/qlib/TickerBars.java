package quantmini.qlib;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.util.List;
import quantmini.core.Preconditions;

/**
 * All input rows of one ticker in a scan, in (date, window_start) order, with the requested
 * columns as doubles (NaN where the input holds NULL). Arrays are owned by this object.
 */
final class TickerBars {
    private final String ticker;
    private final int size;
    private final int[] epochDays;
    private final long[] windowStartMicros;
    private final List<String> columns;
    private final double[][] values;

    public TickerBars(String ticker, int size, int[] epochDays, long[] windowStartMicros, List<String> columns, double[][] values) {
        this.ticker = requireNonNull(ticker, "ticker is null");
        this.columns = List.copyOf(columns);
        Preconditions.checkArgument(size >= 0 && epochDays.length >= size && windowStartMicros.length >= size,
                "arrays shorter than %s rows", size);
        Preconditions.checkArgument(values.length == this.columns.size(), "%s value arrays for columns %s", values.length, columns);
        this.size = size;
        this.epochDays = epochDays;
        this.windowStartMicros = windowStartMicros;
        this.values = values;
    }

    public String ticker() {
        return ticker;
    }

    public int size() {
        return size;
    }

    public LocalDate date(int row) {
        return LocalDate.ofEpochDay(epochDays[row]);
    }

    public long windowStartMicros(int row) {
        return windowStartMicros[row];
    }

    public List<String> columns() {
        return columns;
    }

    /** The position of {@code column} among the scanned columns, or -1. */
    public int columnIndex(String column) {
        return columns.indexOf(column);
    }

    public double value(int column, int row) {
        return values[column][row];
    }
}
