package quantmini.ingest;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import quantmini.core.FlatFileKey;

/**
 * What ingesting one day's file did.
 *
 * @param rowsIn data rows in the source file (blank lines not counted)
 * @param rowsWritten rows in bronze
 * @param rowsQuarantined rows in the quarantine file; {@code rowsIn = rowsWritten + rowsQuarantined}
 * @param error why the day failed (then nothing was written), empty on success
 */
public record DayReport(FlatFileKey key, long rowsIn, long rowsWritten, long rowsQuarantined, double seconds, Optional<String> error) {
    public DayReport {
        requireNonNull(key, "key is null");
        requireNonNull(error, "error is null");
    }

    static DayReport failed(FlatFileKey key, double seconds, String error) {
        return new DayReport(key, 0, 0, 0, seconds, Optional.of(error));
    }

    public boolean succeeded() {
        return error.isEmpty();
    }
}
