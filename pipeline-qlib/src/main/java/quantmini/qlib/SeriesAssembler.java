package quantmini.qlib;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import quantmini.core.DataType;
import quantmini.core.ExitCode;
import quantmini.core.QuantminiException;
import quantmini.core.calendar.UsEquityCalendar;

/**
 * Turns one ticker's input rows into its field values on the calendar. The one place that defines
 * a field's value, used by full builds, appends and the validator alike:
 * <ul>
 *   <li>input columns (open, high, low, close, volume, features): the value rounded to float32;
 *   <li>{@code vwap}: the input's {@code vwap} column when it has one (silver), else
 *       (high + low + close) / 3, the typical price, for bronze input;
 *   <li>{@code change}: close / previous close - 1, where the previous close is the instrument's
 *       previous row in the tree (across gaps); NaN for its first row and when that close is
 *       missing or zero;
 *   <li>{@code factor}: 1.0 until split and dividend adjustment exists.
 * </ul>
 * Minute rows outside the calendar's session are left out (and counted); two rows on one calendar
 * entry are an error.
 */
final class SeriesAssembler {
    private static final ZoneRules NEW_YORK = UsEquityCalendar.NEW_YORK.getRules();

    private final DataType type;
    private final QlibCalendar calendar;
    private final List<String> fields;
    private final List<String> inputColumns;
    private final boolean inputHasVwap;

    SeriesAssembler(DataType type, QlibCalendar calendar, List<String> fields, boolean inputHasVwap) {
        this.type = requireNonNull(type, "type is null");
        this.calendar = requireNonNull(calendar, "calendar is null");
        this.fields = List.copyOf(fields);
        this.inputHasVwap = inputHasVwap;
        this.inputColumns = inputColumnsFor(this.fields, inputHasVwap);
    }

    /** The input columns a scan must read to compute {@code fields}. */
    static List<String> inputColumnsFor(List<String> fields, boolean inputHasVwap) {
        List<String> columns = new ArrayList<>(List.of("open", "high", "low", "close"));
        for (String field : fields) {
            boolean computed = field.equals("change") || field.equals("factor") || (field.equals("vwap") && !inputHasVwap);
            if (!computed && !columns.contains(field)) {
                columns.add(field);
            }
        }
        return List.copyOf(columns);
    }

    List<String> inputColumns() {
        return inputColumns;
    }

    List<String> fields() {
        return fields;
    }

    /**
     * The series of {@code bars}, or empty when none of its rows lies on the calendar.
     *
     * @param previousClose the close before the first row (an append's last stored row), NaN if none
     * @param skipped receives the number of rows outside the calendar in element 0
     */
    Optional<InstrumentSeries> assemble(TickerBars bars, double previousClose, long[] skipped) {
        int rows = bars.size();
        int[] index = new int[rows];
        int first = -1;
        int last = -1;
        for (int r = 0; r < rows; r++) {
            int i = calendarIndex(bars, r);
            index[r] = i;
            if (i < 0) {
                skipped[0]++;
                continue;
            }
            if (i <= last) {
                throw new QuantminiException(ExitCode.JOB_FAILED, String.format(
                        "ticker %s has two rows at %s", bars.ticker(), calendar.entry(i)));
            }
            if (first < 0) {
                first = i;
            }
            last = i;
        }
        if (first < 0) {
            return Optional.empty();
        }
        int span = last - first + 1;
        float[][] values = new float[fields.size()][span];
        int high = bars.columnIndex("high");
        int low = bars.columnIndex("low");
        int close = bars.columnIndex("close");
        double prev = previousClose;
        double lastClose = Double.NaN;
        for (float[] column : values) {
            Arrays.fill(column, Float.NaN);
        }
        int[] source = new int[fields.size()];
        for (int f = 0; f < fields.size(); f++) {
            source[f] = bars.columnIndex(fields.get(f));
        }
        for (int r = 0; r < rows; r++) {
            if (index[r] < 0) {
                continue;
            }
            int at = index[r] - first;
            double c = bars.value(close, r);
            for (int f = 0; f < fields.size(); f++) {
                String field = fields.get(f);
                double v;
                if (field.equals("change")) {
                    v = Double.isNaN(prev) || prev == 0 ? Double.NaN : c / prev - 1;
                } else if (field.equals("factor")) {
                    v = 1.0;
                } else if (field.equals("vwap") && !inputHasVwap) {
                    v = (bars.value(high, r) + bars.value(low, r) + c) / 3;
                } else {
                    v = bars.value(source[f], r);
                }
                values[f][at] = (float) v;
            }
            prev = c;
            lastClose = c;
        }
        return Optional.of(new InstrumentSeries(InstrumentName.of(type, bars.ticker()), first, last, fields, values, lastClose));
    }

    /** The calendar entry of row {@code r}, or -1 when the calendar has no place for it. */
    int calendarIndex(TickerBars bars, int r) {
        if (calendar.frequency() == QlibFrequency.DAY) {
            return calendar.indexOf(bars.date(r), null);
        }
        long micros = bars.windowStartMicros(r);
        long seconds = Math.floorDiv(micros, 1_000_000L);
        LocalDateTime local = LocalDateTime.ofEpochSecond(seconds, 0, NEW_YORK.getOffset(Instant.ofEpochSecond(seconds)));
        return calendar.indexOf(bars.date(r), local);
    }
}
