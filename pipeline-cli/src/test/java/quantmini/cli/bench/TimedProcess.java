package quantmini.cli.bench;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs a command to its end under {@code /usr/bin/time}, which reports the peak resident set of
 * the process (and of any child it waited for), and measures its wall time.
 *
 * @param logFolder where each run's output goes, named after the run
 */
record TimedProcess(Path workingFolder, Map<String, String> environment, Path logFolder) {
    private static final Path TIME = Path.of("/usr/bin/time");

    TimedProcess {
        requireNonNull(workingFolder, "workingFolder is null");
        environment = Map.copyOf(environment);
        requireNonNull(logFolder, "logFolder is null");
    }

    /** One finished run: wall seconds and peak RSS in kB ({@code -1} without {@code /usr/bin/time}). */
    record Run(double seconds, long peakRssKb, Path log) {}

    /** Runs COMMAND, its output in {@code NAME.log} of the log folder (NAME made safe for a file name). */
    Run run(String name, List<String> command) throws IOException, InterruptedException {
        Files.createDirectories(logFolder);
        String logName = fileName(name);
        Path log = logFolder.resolve(logName + ".log");
        Path rss = logFolder.resolve(logName + ".rss");
        Files.deleteIfExists(rss);
        boolean timed = Files.isExecutable(TIME);
        List<String> line = new ArrayList<>();
        if (timed) {
            line.addAll(List.of(TIME.toString(), "-f", "%M", "-o", rss.toString()));
        }
        line.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(line).directory(workingFolder.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        long start = System.nanoTime();
        int exit = builder.start().waitFor();
        double seconds = (System.nanoTime() - start) / 1e9;
        if (exit != 0) {
            throw new IOException(String.join(" ", command) + " exited with " + exit + "; its output: " + log + "\n" + tail(log));
        }
        long peak = timed ? Long.parseLong(Files.readString(rss, StandardCharsets.UTF_8).strip().lines()
                .reduce((first, last) -> last).orElseThrow()) : -1;
        return new Run(seconds, peak, log);
    }

    /** A label as a file name: runs of anything but letters, digits, '_', '.' and '-' become one '-'. */
    static String fileName(String label) {
        return label.replaceAll("[^A-Za-z0-9_.-]+", "-");
    }

    static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    }
}
