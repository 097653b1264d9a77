package quantmini.qlib;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import quantmini.core.DataType;
import quantmini.core.validation.LakeLayer;
import quantmini.core.validation.LayerReport;

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

    /**
     * The report in the terms every layer reports in, with {@code tree} (the gold tree relative
     * to the data root) as the file of each finding.
     */
    public LayerReport toLayerReport(String tree) {
        Map<String, Long> checked = new LinkedHashMap<>();
        checked.put("instruments", (long) instruments);
        checked.put("calendar entries", (long) calendarEntries);
        checked.put("files", filesChecked);
        checked.put("values", valuesChecked);
        return new LayerReport(LakeLayer.GOLD, type, checked, findings.stream().map(f -> f.toFinding(type, tree)).toList(),
                findingsLeftOut, List.of());
    }

    /** One line for the console. */
    public String describe() {
        return String.format("gold %s: %s; %d instruments, %d calendar entries, %d files, %d values checked, %d findings",
                type, isValid() ? "valid" : "INVALID", instruments, calendarEntries, filesChecked, valuesChecked,
                findings.size() + findingsLeftOut);
    }
}
