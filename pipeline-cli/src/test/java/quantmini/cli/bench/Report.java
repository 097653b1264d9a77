package quantmini.cli.bench;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import quantmini.core.io.AtomicFiles;

/**
 * The results of one suite run, as JSON (one object per case) and as a Markdown table with the
 * machine and the date, which {@link #writeInto} puts between the markers of docs/PERFORMANCE.md.
 */
final class Report {
    static final String START = "<!-- bench:start -->";
    static final String END = "<!-- bench:end -->";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final String command;
    private final Sizes sizes;
    private final Machine machine;
    private final Instant started;
    private final String loadAtStart;
    private final String loadAtEnd;
    private final List<CaseResult> results;
    private final Optional<JsonNode> jmh;

    Report(String command, Sizes sizes, Machine machine, Instant started, String loadAtStart, String loadAtEnd, List<CaseResult> results,
            Optional<JsonNode> jmh) {
        this.command = requireNonNull(command, "command is null");
        this.sizes = requireNonNull(sizes, "sizes is null");
        this.machine = requireNonNull(machine, "machine is null");
        this.started = requireNonNull(started, "started is null");
        this.loadAtStart = requireNonNull(loadAtStart, "loadAtStart is null");
        this.loadAtEnd = requireNonNull(loadAtEnd, "loadAtEnd is null");
        this.results = List.copyOf(results);
        this.jmh = requireNonNull(jmh, "jmh is null");
    }

    String json() throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("command", command);
        root.put("date", started.truncatedTo(ChronoUnit.SECONDS).toString());
        root.put("sizes", sizes.name());
        ObjectNode host = root.putObject("machine");
        host.put("cores", machine.cores());
        host.put("memoryGb", Math.round(machine.memoryGb() * 10) / 10.0);
        host.put("cpu", machine.cpu());
        host.put("jdk", machine.jdk());
        host.put("loadAverageAtStart", loadAtStart);
        host.put("loadAverageAtEnd", loadAtEnd);
        ArrayNode cases = root.putArray("cases");
        for (CaseResult result : results) {
            ObjectNode node = cases.addObject();
            node.put("name", result.name());
            node.put("input", result.input());
            node.put("unit", "s");
            sample(node, result.measured());
            if (result.reference().isPresent()) {
                sample(node.putObject("reference"), result.reference().get());
                node.put("ratio", round(result.ratio().orElseThrow()));
            } else {
                node.putNull("reference");
                node.putNull("ratio");
            }
        }
        if (jmh.isPresent()) {
            root.set("jmh", jmh.get());
        } else {
            root.putNull("jmh");
        }
        return JSON.writeValueAsString(root) + "\n";
    }

    private static void sample(ObjectNode node, Sample sample) {
        node.put("measured", sample.label());
        node.put("runs", sample.seconds().size());
        node.put("median", round(sample.median()));
        node.put("min", round(sample.min()));
        node.put("max", round(sample.max()));
        node.put("peakRssKb", sample.peakRssKb());
        ArrayNode warmups = node.putArray("warmups");
        sample.warmups().forEach(s -> warmups.add(round(s)));
        ArrayNode seconds = node.putArray("seconds");
        sample.seconds().forEach(s -> seconds.add(round(s)));
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "`%s`, %s UTC, on %s; load average %s at the start, %s at the end. "
                        + "Seconds: median of the measured runs after the warm-up (min-max); peak RSS of the measured process, in MB; "
                        + "ratio: quantmini's median over the reference's, measured in the same run (below 1: quantmini is faster).%n%n",
                command, DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC).format(started), machine.summary(),
                loadAtStart, loadAtEnd));
        md.append("| case | input | measured | s | RSS MB | reference | s | RSS MB | ratio |\n");
        md.append("|---|---|---|---:|---:|---|---:|---:|---:|\n");
        for (CaseResult result : results) {
            md.append("| ").append(result.name()).append(" | ").append(result.input()).append(" | ").append(cells(result.measured()));
            if (result.reference().isPresent()) {
                md.append(" | ").append(cells(result.reference().get()))
                        .append(String.format(Locale.ROOT, " | **%.2f** |%n", result.ratio().orElseThrow()));
            } else {
                md.append(" | | | | |\n");
            }
        }
        jmh.ifPresent(tree -> md.append(jmhTable(tree)));
        return md.toString();
    }

    private static String cells(Sample sample) {
        return String.format(Locale.ROOT, "%s (%d runs) | %s (%s-%s) | %s", sample.label(), sample.seconds().size(), seconds(sample.median()),
                seconds(sample.min()), seconds(sample.max()), sample.peakRssKb() < 0 ? "?" : String.format(Locale.ROOT, "%,d", sample.peakRssKb() / 1024));
    }

    private static String seconds(double value) {
        return String.format(Locale.ROOT, value < 10 ? "%.2f" : "%.1f", value);
    }

    /** JMH's own JSON (an array of benchmarks with a primary metric), as a table; anything else is left to the JSON. */
    private static String jmhTable(JsonNode tree) {
        if (!tree.isArray() || tree.isEmpty() || !tree.get(0).has("primaryMetric")) {
            return "\nJMH microbenchmarks: in `target/bench/results.json` (key `jmh`).\n";
        }
        StringBuilder md = new StringBuilder("\nJMH microbenchmarks (`scripts/bench-jmh`):\n\n"
                + "| benchmark | parameters | mode | score | error | unit | secondary rates |\n|---|---|---|---:|---:|---|---|\n");
        for (JsonNode benchmark : tree) {
            JsonNode metric = benchmark.get("primaryMetric");
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %.3f | %s | %s | %s |%n", simpleName(benchmark.path("benchmark").asText()),
                    parameters(benchmark.path("params")), benchmark.path("mode").asText(), metric.path("score").asDouble(),
                    error(metric.path("scoreError")), metric.path("scoreUnit").asText(), secondaryRates(benchmark.path("secondaryMetrics"))));
        }
        return md.toString();
    }

    /** {@code Class.method} of a fully qualified benchmark name: the package is the module's, and long. */
    private static String simpleName(String benchmark) {
        int method = benchmark.lastIndexOf('.');
        int type = method < 0 ? -1 : benchmark.lastIndexOf('.', method - 1);
        return benchmark.substring(type + 1);
    }

    /** The @Param values, which tell apart the rows of one benchmark method. */
    private static String parameters(JsonNode params) {
        List<String> pairs = new ArrayList<>();
        params.fields().forEachRemaining(entry -> pairs.add(entry.getKey() + "=" + entry.getValue().asText()));
        return String.join(", ", pairs);
    }

    /** JMH writes "NaN" when too few iterations ran for a confidence interval (a quick run). */
    private static String error(JsonNode scoreError) {
        double error = scoreError.asDouble(Double.NaN);
        return Double.isNaN(error) ? "" : String.format(Locale.ROOT, "%.3f", error);
    }

    /** Per-row or per-value rates a benchmark reports beside its score, e.g. "rows 2.21 M/s". */
    private static String secondaryRates(JsonNode secondaryMetrics) {
        List<String> rates = new ArrayList<>();
        secondaryMetrics.fields().forEachRemaining(entry -> {
            double score = entry.getValue().path("score").asDouble();
            String unit = entry.getValue().path("scoreUnit").asText().replace("ops/", "/");
            rates.add(score >= 1e6
                    ? String.format(Locale.ROOT, "%s %.2f M%s", entry.getKey(), score / 1e6, unit)
                    : String.format(Locale.ROOT, "%s %.0f %s", entry.getKey(), score, unit));
        });
        return String.join(", ", rates);
    }

    /**
     * Replaces what stands between the bench markers of a Markdown file with this run's table; each
     * marker is a line of its own (so that prose may name them).
     */
    void writeInto(Path markdownFile) throws IOException {
        String text = Files.readString(markdownFile, StandardCharsets.UTF_8);
        int start = text.indexOf("\n" + START + "\n");
        int end = start < 0 ? -1 : text.indexOf("\n" + END + "\n", start);
        if (end < 0) {
            throw new IOException(markdownFile + ": no section between the lines " + START + " and " + END + " to replace");
        }
        String updated = text.substring(0, start + START.length() + 2) + markdown() + text.substring(end + 1);
        AtomicFiles.writeString(markdownFile, updated);
    }

    static JsonNode parse(Path file) throws IOException {
        return JSON.readTree(file.toFile());
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
