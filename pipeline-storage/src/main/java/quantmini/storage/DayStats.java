package quantmini.storage;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.util.OptionalLong;
import quantmini.core.DataType;

/**
 * One row of {@code daily_stats.parquet}: what bronze holds for a data type on a date.
 *
 * @param minWindowStartMicros empty when the day has no rows
 */
public record DayStats(DataType type, LocalDate date, long rows, long tickers, long quarantinedRows,
        OptionalLong minWindowStartMicros, OptionalLong maxWindowStartMicros) {
    public DayStats {
        requireNonNull(type, "type is null");
        requireNonNull(date, "date is null");
        requireNonNull(minWindowStartMicros, "minWindowStartMicros is null");
        requireNonNull(maxWindowStartMicros, "maxWindowStartMicros is null");
    }
}
