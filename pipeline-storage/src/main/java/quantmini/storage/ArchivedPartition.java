package quantmini.storage;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import quantmini.core.DataType;

/**
 * One options month partition moved into or out of {@code archive/}.
 *
 * @param layer {@code bronze} or {@code silver}
 * @param type the options data type
 * @param month the partition's month
 * @param files Parquet files moved
 * @param bytes their total size
 * @param rows their total rows
 * @param maxExpiration the latest contract expiration in the partition
 * @param manifest the manifest describing the archived partition
 */
public record ArchivedPartition(String layer, DataType type, YearMonth month, int files, long bytes, long rows,
        LocalDate maxExpiration, Path manifest) {
    public ArchivedPartition {
        requireNonNull(layer, "layer is null");
        requireNonNull(type, "type is null");
        requireNonNull(month, "month is null");
        requireNonNull(maxExpiration, "maxExpiration is null");
        requireNonNull(manifest, "manifest is null");
    }
}
