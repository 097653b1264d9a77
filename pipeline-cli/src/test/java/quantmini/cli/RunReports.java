package quantmini.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Reads back the run reports a lake's {@code logs/runs/} holds. */
final class RunReports {
    private RunReports() {}

    /** The newest report of {@code command} (daily, backfill) in the lake under {@code dataRoot}. */
    static JsonNode newest(Path dataRoot, String command) throws IOException {
        try (Stream<Path> files = Files.list(dataRoot.resolve("logs/runs"))) {
            // run ids start with the start time, so the name order is the time order
            Path newest = files.filter(f -> f.getFileName().toString().endsWith("-" + command + ".json"))
                    .sorted().reduce((a, b) -> b).orElseThrow(() -> new AssertionError("no " + command + " report in " + dataRoot));
            return new ObjectMapper().readTree(newest.toFile());
        }
    }
}
