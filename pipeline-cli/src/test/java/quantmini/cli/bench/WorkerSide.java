package quantmini.cli.bench;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A workload of {@link BenchWorker} in a JVM of its own, which runs the warm-ups and the measured
 * runs one after the other (so later runs see a warm JIT, as a long {@code backfill} does), and
 * whose peak RSS is that of this workload alone (DuckDB's native memory included).
 *
 * @param heap the {@code -Xmx} value, e.g. {@code 512m}, or empty for the launcher's default
 *     ({@code -XX:MaxRAMPercentage=50}, what {@code ./quantmini} starts with)
 * @param jvmOptions further options of the JVM, e.g. a flight recording
 */
record WorkerSide(String label, TimedProcess process, Optional<String> heap, List<String> jvmOptions, List<String> workload) implements Side {
    WorkerSide {
        requireNonNull(label, "label is null");
        requireNonNull(process, "process is null");
        requireNonNull(heap, "heap is null");
        jvmOptions = List.copyOf(jvmOptions);
        workload = List.copyOf(workload);
    }

    @Override
    public Sample measure(Plan plan) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add(heap.map(h -> "-Xmx" + h).orElse("-XX:MaxRAMPercentage=50"));
        command.add("--add-opens=java.base/java.nio=ALL-UNNAMED");
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(BenchWorker.class.getName());
        command.add(Integer.toString(plan.warmups()));
        command.add(Integer.toString(plan.runs()));
        command.addAll(workload);
        TimedProcess.Run run = process.run(label, command);
        String result = Files.readAllLines(run.log(), StandardCharsets.UTF_8).stream()
                .filter(line -> line.startsWith(BenchWorker.RESULT))
                .reduce((first, last) -> last)
                .orElseThrow(() -> new IOException(label + ": no result line in " + run.log()));
        String[] parts = result.substring(BenchWorker.RESULT.length()).strip().split("\\|", -1);
        return new Sample(label, numbers(parts[0]), numbers(parts[1]), run.peakRssKb());
    }

    private static List<Double> numbers(String csv) {
        List<Double> values = new ArrayList<>();
        for (String value : csv.split(",")) {
            if (!value.isEmpty()) {
                values.add(Double.parseDouble(value));
            }
        }
        return values;
    }
}
