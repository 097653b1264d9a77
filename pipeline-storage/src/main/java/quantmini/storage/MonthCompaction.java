package quantmini.storage;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.YearMonth;

/**
 * What compacting one month partition did.
 *
 * @param partition the {@code year=YYYY/month=MM} folder
 * @param month the month it holds
 * @param filesMerged the files merged: day files, plus an earlier {@code month.parquet} if any
 * @param rows rows in the new {@code month.parquet}
 * @param bytesBefore bytes of the merged files
 * @param bytesAfter bytes of the new {@code month.parquet}
 */
public record MonthCompaction(Path partition, YearMonth month, int filesMerged, long rows, long bytesBefore, long bytesAfter) {
    public MonthCompaction {
        requireNonNull(partition, "partition is null");
        requireNonNull(month, "month is null");
    }
}
