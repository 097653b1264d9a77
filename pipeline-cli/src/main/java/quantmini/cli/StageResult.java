package quantmini.cli;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import quantmini.core.FlatFileKey;

/**
 * What one stage did over some data types and dates: the figures of the run report, and which
 * days failed so that their watermark does not pass them.
 *
 * @param units files or dates processed
 * @param failedKeys days of this stage that failed; the stage's other days completed
 * @param failedTypes data types the stage failed as a whole (a gold tree that could not be built)
 * @param changedKeys days whose source object changed since it landed (download only)
 * @param errors one line per failure
 */
record StageResult(
        String stage,
        int units,
        long rows,
        long quarantinedRows,
        long bytes,
        double seconds,
        Set<FlatFileKey> failedKeys,
        Set<quantmini.core.DataType> failedTypes,
        List<FlatFileKey> changedKeys,
        List<String> errors) {

    StageResult {
        requireNonNull(stage, "stage is null");
        failedKeys = Set.copyOf(failedKeys);
        failedTypes = Set.copyOf(failedTypes);
        changedKeys = List.copyOf(changedKeys);
        errors = List.copyOf(errors);
    }

    boolean succeeded() {
        return errors.isEmpty();
    }

    /** Whether the day made it through this stage. */
    boolean completed(FlatFileKey key) {
        return !failedKeys.contains(key) && !failedTypes.contains(key.dataType());
    }

    /** The figures as the run report writes them. */
    Map<String, Object> toReport() {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("stage", stage);
        report.put("units", units);
        report.put("rows", rows);
        report.put("quarantined_rows", quarantinedRows);
        report.put("bytes", bytes);
        report.put("seconds", Math.round(seconds * 1000) / 1000.0);
        report.put("errors", errors);
        return report;
    }
}
