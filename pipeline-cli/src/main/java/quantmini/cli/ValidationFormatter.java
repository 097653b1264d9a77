package quantmini.cli;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import quantmini.core.validation.Finding;
import quantmini.core.validation.LayerReport;

/** Writes the reports of {@code quantmini validate} for people (lines) or for machines (JSON). */
final class ValidationFormatter {
    private ValidationFormatter() {}

    /**
     * Per layer and data type: the summary line, its warnings, then one line per finding;
     * last, one line for the whole check.
     */
    static String text(List<LayerReport> reports) {
        requireNonNull(reports, "reports is null");
        StringBuilder out = new StringBuilder();
        for (LayerReport report : reports) {
            out.append(report.describe()).append('\n');
            for (String warning : report.warnings()) {
                out.append("  warning: ").append(warning).append('\n');
            }
            for (Finding finding : report.findings()) {
                out.append("  ").append(finding).append('\n');
            }
            if (report.findingsLeftOut() > 0) {
                out.append(String.format("  ... and %,d more findings not listed%n", report.findingsLeftOut()));
            }
        }
        long findings = reports.stream().mapToLong(LayerReport::findingCount).sum();
        out.append(String.format("validate: %s; %d reports, %,d findings%n", valid(reports) ? "valid" : "INVALID", reports.size(),
                findings));
        return out.toString();
    }

    /** {@code {"valid", "findings", "reports": [{"layer", "data_type", "valid", "checked", "warnings", "findings", ...}]}}. */
    static String json(List<LayerReport> reports) {
        requireNonNull(reports, "reports is null");
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("valid", valid(reports));
        root.put("findings", reports.stream().mapToLong(LayerReport::findingCount).sum());
        ArrayNode list = root.putArray("reports");
        for (LayerReport report : reports) {
            ObjectNode node = list.addObject();
            node.put("layer", report.layer().id());
            node.put("data_type", report.type().id());
            node.put("valid", report.isValid());
            ObjectNode checked = node.putObject("checked");
            for (Map.Entry<String, Long> count : report.checked().entrySet()) {
                checked.put(count.getKey().replace(' ', '_'), count.getValue());
            }
            ArrayNode warnings = node.putArray("warnings");
            report.warnings().forEach(warnings::add);
            ArrayNode findings = node.putArray("findings");
            for (Finding finding : report.findings()) {
                ObjectNode item = findings.addObject();
                item.put("layer", finding.layer().id());
                item.put("data_type", finding.type().id());
                item.put("date", finding.date());
                item.put("file", finding.file());
                item.put("reason", finding.reason());
            }
            node.put("findings_left_out", report.findingsLeftOut());
        }
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean valid(List<LayerReport> reports) {
        return reports.stream().allMatch(LayerReport::isValid);
    }
}
