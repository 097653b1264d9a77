package quantmini.cli;

import static java.util.Objects.requireNonNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged application (the jar failsafe names in the {@code quantmini.jar} property),
 * started as a user starts it: {@code java -jar quantmini.jar --data-root DIR ...}, in its own
 * process, with an environment that holds only the variables given here among those quantmini
 * reads, so that the shell the tests run from cannot steer them.
 */
final class QuantminiJar {
    /** The variables quantmini reads that point it at a lake, a configuration or a source. */
    private static final List<String> READ_VARIABLES = List.of("DATA_ROOT", "CONFIG_ROOT", "QUANTMINI_SOURCE",
            "POLYGON_S3_ENDPOINT", "POLYGON_S3_BUCKET", "POLYGON_S3_KEY", "POLYGON_S3_SECRET", "MASSIVE_S3_KEY",
            "MASSIVE_S3_SECRET", "PIPELINE_MODE", "MAX_MEMORY_GB", "LOG_LEVEL", "LOG_ROOT");

    /** How one finished run went: its exit code and its standard output and error, interleaved. */
    record Run(int exitCode, String out) {}

    private final Path workingDirectory;
    private final Map<String, String> environment;

    QuantminiJar(Path workingDirectory, Map<String, String> environment) {
        this.workingDirectory = requireNonNull(workingDirectory, "workingDirectory is null");
        this.environment = Map.copyOf(environment);
    }

    /** The command for {@code args} on the lake under {@code dataRoot}, output and errors merged. */
    ProcessBuilder command(Path dataRoot, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("quantmini.jar"), "--data-root", dataRoot.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile()).redirectErrorStream(true);
        READ_VARIABLES.forEach(builder.environment()::remove);
        builder.environment().putAll(environment);
        return builder;
    }

    /** Runs {@code args} to the end (at most five minutes). */
    Run run(Path dataRoot, String... args) throws IOException, InterruptedException {
        Process process = command(dataRoot, args).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "quantmini " + String.join(" ", args) + " did not end: " + out);
        return new Run(process.exitValue(), out);
    }
}
