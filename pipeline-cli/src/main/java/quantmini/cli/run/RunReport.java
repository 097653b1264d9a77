package quantmini.cli.run;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import quantmini.core.io.AtomicFiles;

/**
 * The JSON record of one pipeline run, in {@code <log_root>/runs/<run-id>.json}: what each stage
 * did (dates, files, rows, quarantined rows, bytes, seconds, errors), which dates changed at the
 * source, where the watermarks moved, and the outcome. Written atomically once the run ends, so
 * a reader (status, an alert hook, a person) never sees half a report.
 */
public final class RunReport {
    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final String command;
    private final Instant startedAt;
    private final Map<String, Object> details = new LinkedHashMap<>();
    private final List<Map<String, Object>> stages = new ArrayList<>();

    public RunReport(String command, Instant startedAt) {
        this.command = requireNonNull(command, "command is null");
        this.startedAt = requireNonNull(startedAt, "startedAt is null");
    }

    public String runId() {
        return RUN_ID.format(startedAt) + "-" + command;
    }

    /** Any figure or list of the run, e.g. {@code data_types} or {@code changed_dates}. */
    public RunReport put(String key, Object value) {
        details.put(requireNonNull(key, "key is null"), value);
        return this;
    }

    public RunReport addStage(String dataTypes, Map<String, Object> stage) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("data_types", dataTypes);
        entry.putAll(stage);
        stages.add(entry);
        return this;
    }

    /** Writes the report and returns its path. */
    public Path write(Path logRoot, String outcome, Instant finishedAt) throws IOException {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("run_id", runId());
        document.put("command", command);
        document.put("started_at", startedAt.toString());
        document.put("finished_at", finishedAt.toString());
        document.put("outcome", outcome);
        document.putAll(details);
        document.put("stages", stages);
        Path file = logRoot.resolve("runs").resolve(runId() + ".json");
        byte[] json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(document);
        AtomicFiles.write(file, out -> out.write(json));
        return file;
    }
}
