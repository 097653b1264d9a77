package quantmini.core.validation;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import quantmini.core.DataType;

/**
 * What validating one layer of one data type checked and found.
 *
 * @param checked how much was checked, by what was counted ({@code dates}, {@code files},
 *     {@code rows}, ...), in the order the validator counted them
 * @param findingsLeftOut findings beyond the report's limit, counted but not listed
 * @param warnings what could not be checked and why (they do not make the layer invalid)
 */
public record LayerReport(LakeLayer layer, DataType type, Map<String, Long> checked, List<Finding> findings, long findingsLeftOut,
        List<String> warnings) {
    public LayerReport {
        requireNonNull(layer, "layer is null");
        requireNonNull(type, "type is null");
        checked = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(checked, "checked is null")));
        findings = List.copyOf(findings);
        warnings = List.copyOf(warnings);
    }

    public boolean isValid() {
        return findings.isEmpty() && findingsLeftOut == 0;
    }

    /** All findings, listed and left out. */
    public long findingCount() {
        return findings.size() + findingsLeftOut;
    }

    /** One line: {@code bronze stocks_daily: valid; 10 dates, 10 files, 3,000 rows checked, 0 findings}. */
    public String describe() {
        String counts = checked.entrySet().stream()
                .map(e -> String.format("%,d %s", e.getValue(), e.getKey()))
                .collect(Collectors.joining(", "));
        return String.format("%s %s: %s; %s checked, %,d findings", layer.id(), type.id(), isValid() ? "valid" : "INVALID",
                counts.isEmpty() ? "nothing" : counts, findingCount());
    }
}
