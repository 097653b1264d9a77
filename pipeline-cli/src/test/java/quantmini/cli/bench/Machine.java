package quantmini.cli.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** What the figures were measured on, from /proc (Linux) and the running JDK. */
record Machine(int cores, double memoryGb, String cpu, String jdk) {
    static Machine describe() throws IOException {
        String cpu = firstLine("/proc/cpuinfo", "model name").map(line -> line.substring(line.indexOf(':') + 1).strip()).orElse("unknown CPU");
        double memoryGb = firstLine("/proc/meminfo", "MemTotal:")
                .map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024 / 1e9).orElse(Double.NaN);
        String jdk = System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
        return new Machine(Runtime.getRuntime().availableProcessors(), memoryGb, cpu, jdk);
    }

    /** The 1-minute load average, or "?" where /proc/loadavg is missing. */
    static String loadAverage() throws IOException {
        Path file = Path.of("/proc/loadavg");
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8).split(" ")[0] : "?";
    }

    String summary() {
        return String.format(Locale.ROOT, "%d cores (%s), %.1f GB, %s", cores, cpu, memoryGb, jdk);
    }

    private static Optional<String> firstLine(String file, String prefix) throws IOException {
        Path path = Path.of(file);
        if (!Files.exists(path)) {
            return Optional.empty();
        }
        return Files.readAllLines(path, StandardCharsets.UTF_8).stream().filter(line -> line.startsWith(prefix)).findFirst();
    }
}
