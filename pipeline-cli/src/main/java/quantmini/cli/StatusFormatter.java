package quantmini.cli;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import quantmini.cli.LakeStatus.LayerStatus;
import quantmini.cli.QueryResult.Column;
import quantmini.cli.QueryResult.Kind;
import quantmini.core.validation.LakeLayer;

/** Writes a {@link LakeStatus.Report} for people (a table) or for machines (JSON). */
final class StatusFormatter {
    /** Gaps listed per layer in the table; the JSON always has them all. */
    private static final int GAPS_SHOWN = 10;

    private StatusFormatter() {}

    static String text(LakeStatus.Report report) {
        requireNonNull(report, "report is null");
        StringBuilder out = new StringBuilder("Lake: ").append(report.dataRoot()).append("\n\n");
        List<LayerStatus> present = report.layers().stream().filter(layer -> !layer.isEmpty()).collect(Collectors.toList());
        if (present.isEmpty()) {
            out.append("The lake is empty. Start with: quantmini demo, or quantmini download.\n");
        } else {
            List<Column> columns = List.of(new Column("DATA TYPE", Kind.TEXT), new Column("LAYER", Kind.TEXT),
                    new Column("FIRST", Kind.TEXT), new Column("LAST", Kind.TEXT), new Column("DATES", Kind.NUMBER),
                    new Column("GAPS", Kind.NUMBER), new Column("ROWS", Kind.NUMBER), new Column("BYTES", Kind.NUMBER));
            List<List<String>> rows = new ArrayList<>();
            for (LayerStatus layer : present) {
                rows.add(List.of(layer.type().id(), layer.layer().id(), layer.first().map(LocalDate::toString).orElse("-"),
                        layer.last().map(LocalDate::toString).orElse("-"), Integer.toString(layer.dates().size()),
                        Integer.toString(layer.gaps().size()), rowsText(layer), bytes(layer.bytes())));
            }
            out.append(ResultFormatter.alignedLines(new QueryResult(columns, rows, false)));
            List<LayerStatus> withGaps = present.stream().filter(layer -> !layer.gaps().isEmpty()).collect(Collectors.toList());
            if (!withGaps.isEmpty()) {
                out.append("\nTrading days missing between the first and the last date:\n");
                for (LayerStatus layer : withGaps) {
                    String shown = layer.gaps().stream().limit(GAPS_SHOWN).map(LocalDate::toString).collect(Collectors.joining(", "));
                    int more = layer.gaps().size() - GAPS_SHOWN;
                    out.append("  ").append(layer.type().id()).append(' ').append(layer.layer().id()).append(": ").append(shown)
                            .append(more > 0 ? " and " + more + " more (--json lists all)" : "").append('\n');
                }
            }
        }
        out.append('\n').append(report.lastRun().map(run -> "Last run: " + orUnknown(run.outcome())
                + (run.finishedAt() == null ? "" : ", finished " + run.finishedAt()) + " (" + run.file() + ")")
                .orElse("Last run: none recorded")).append('\n');
        return out.toString();
    }

    /**
     * {@code {"data_root", "data_types": {type: {layer: {...}}}, "last_run"}}; every type and layer
     * is present (empty ones with zero dates), so scripts need no existence checks.
     */
    static String json(LakeStatus.Report report) {
        requireNonNull(report, "report is null");
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("data_root", report.dataRoot().toString());
        ObjectNode types = root.putObject("data_types");
        for (LayerStatus layer : report.layers()) {
            ObjectNode type = types.has(layer.type().id()) ? (ObjectNode) types.get(layer.type().id())
                    : types.putObject(layer.type().id());
            ObjectNode node = type.putObject(layer.layer().id());
            node.put("first_date", layer.first().map(LocalDate::toString).orElse(null));
            node.put("last_date", layer.last().map(LocalDate::toString).orElse(null));
            node.put("dates", layer.dates().size());
            ArrayNode gaps = node.putArray("gaps");
            layer.gaps().forEach(gap -> gaps.add(gap.toString()));
            node.put("rows", layer.rows());
            node.put("bytes", layer.bytes());
            if (layer.layer() == LakeLayer.GOLD) {
                node.put("instruments", layer.instruments());
                node.put("calendar_length", layer.calendarLength());
            }
        }
        if (report.lastRun().isPresent()) {
            LakeStatus.LastRun run = report.lastRun().get();
            ObjectNode last = root.putObject("last_run");
            last.put("file", run.file().toString());
            last.put("outcome", run.outcome());
            last.put("finished_at", run.finishedAt());
        } else {
            root.putNull("last_run");
        }
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String rowsText(LayerStatus layer) {
        if (layer.layer() == LakeLayer.GOLD) {
            return layer.instruments() == null ? "-"
                    : String.format(Locale.ROOT, "%,d instruments x %,d", layer.instruments(),
                            layer.calendarLength() == null ? 0 : layer.calendarLength());
        }
        return layer.rows() == null ? "-" : String.format(Locale.ROOT, "%,d", layer.rows());
    }

    private static String orUnknown(String value) {
        return value == null ? "outcome unknown" : value;
    }

    /** Bytes in binary units with one decimal, as ls -h and du -h show them. */
    static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
