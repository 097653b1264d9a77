package quantmini.core.validation;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import quantmini.core.DataType;
import quantmini.core.Preconditions;

/**
 * Collects one layer's findings as a validator goes: every finding is counted, the first
 * {@code maxFindings} are kept, so a badly broken layer gives a report of bounded size.
 * Not thread-safe; one validation run owns one builder.
 */
public final class LayerReportBuilder {
    /** The findings a report lists by default before it only counts. */
    public static final int DEFAULT_MAX_FINDINGS = 10_000;

    private final LakeLayer layer;
    private final DataType type;
    private final int maxFindings;
    private final Map<String, Long> checked = new LinkedHashMap<>();
    private final List<Finding> findings = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private long leftOut;

    /**
     * @param counted what the validator counts, in the order the report lists them (each starts at zero)
     */
    public LayerReportBuilder(LakeLayer layer, DataType type, int maxFindings, List<String> counted) {
        this.layer = requireNonNull(layer, "layer is null");
        this.type = requireNonNull(type, "type is null");
        Preconditions.checkArgument(maxFindings > 0, "maxFindings must be positive: %s", maxFindings);
        this.maxFindings = maxFindings;
        requireNonNull(counted, "counted is null").forEach(what -> checked.put(what, 0L));
    }

    public LayerReportBuilder(LakeLayer layer, DataType type, List<String> counted) {
        this(layer, type, DEFAULT_MAX_FINDINGS, counted);
    }

    public DataType type() {
        return type;
    }

    /** Adds a finding about {@code date} (empty for none) and {@code file} (relative to the data root, or empty). */
    public void add(String date, String file, String reason) {
        if (findings.size() < maxFindings) {
            findings.add(new Finding(layer, type, date, file, reason));
        } else {
            leftOut++;
        }
    }

    /** Adds {@code amount} to the count of {@code what} was checked (created at zero on first use). */
    public void count(String what, long amount) {
        checked.merge(requireNonNull(what, "what is null"), amount, Long::sum);
    }

    /** Notes something that could not be checked. */
    public void warn(String warning) {
        warnings.add(requireNonNull(warning, "warning is null"));
    }

    public boolean hasFindings() {
        return !findings.isEmpty() || leftOut > 0;
    }

    public LayerReport build() {
        return new LayerReport(layer, type, checked, findings, leftOut, warnings);
    }
}
