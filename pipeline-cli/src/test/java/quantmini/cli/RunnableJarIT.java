package quantmini.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged application, started as a user starts it, through the stages that exist: what
 * the unit tests' class path cannot show (a library left out of the jar, a missing service file,
 * the manifest's add-opens).
 */
class RunnableJarIT {
    @TempDir
    Path work;

    private record Run(int exitCode, String out) {}

    private Run quantmini(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("quantmini.jar")));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        environment.put("QUANTMINI_SOURCE", "local:" + work.resolve("flatfiles"));
        environment.put("CONFIG_ROOT", work.resolve("config").toString());
        environment.remove("DATA_ROOT");
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(5, TimeUnit.MINUTES));
        return new Run(process.exitValue(), out);
    }

    @Test
    void theJarRunsSampleDataDownloadIngestAndFeatures() throws Exception {
        assertEquals(0, quantmini("--version").exitCode());
        Run sample = quantmini("-q", "sample-data", "--out", "flatfiles", "--from", "2024-03-25", "--to", "2024-03-28");
        assertEquals(0, sample.exitCode(), sample.out());
        Run download = quantmini("-q", "download", "--from", "2024-03-25", "--to", "2024-03-28");
        assertEquals(0, download.exitCode(), download.out());
        Run ingest = quantmini("-q", "ingest", "--from", "2024-03-25", "--to", "2024-03-28");
        assertEquals(0, ingest.exitCode(), ingest.out());
        assertTrue(ingest.out().contains("quarantined 0"), ingest.out());
        Run features = quantmini("-q", "features", "--from", "2024-03-25", "--to", "2024-03-28");
        assertEquals(0, features.exitCode(), features.out());
        assertTrue(Files.isRegularFile(work.resolve("data/silver/stocks_daily/year=2024/month=03/2024-03-28.parquet")));
        assertTrue(Files.isRegularFile(work.resolve("data/bronze/options_minute/year=2024/month=03/2024-03-28.parquet")));
    }
}
