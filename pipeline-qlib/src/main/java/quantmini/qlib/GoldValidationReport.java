package quantmini.qlib;

import static java.util.Objects.requireNonNull;

import java.util.List;
import quantmini.core.DataType;

/**
 * The outcome of validating one tree.
 *
 * @param findingsLeftOut findings beyond the report's limit, counted but not listed
 */
public record GoldValidationReport(DataType type, int instruments, int calendarEntries, long filesChecked, long valuesChecked,
        List<GoldFinding> findings, long findingsLeftOut) {
    public GoldValidationReport {
        requireNonNull(type, "type is null");
        findings = List.copyOf(findings);
    }

    public boolean isValid() {
        return findings.isEmpty() && findingsLeftOut == 0;
    }

    /** One line for the console. */
    public String describe() {
        return String.format("gold %s: %s; %d instruments, %d calendar entries, %d files, %d values checked, %d findings",
                type, isValid() ? "valid" : "INVALID", instruments, calendarEntries, filesChecked, valuesChecked,
                findings.size() + findingsLeftOut);
    }
}
