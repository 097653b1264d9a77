package quantmini.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged application, started as a user starts it: what the unit tests' class path cannot
 * show (a library left out of the jar, a missing service file, the manifest's add-opens), and
 * what only a real process can (kill -9).
 */
class RunnableJarIT {
    @TempDir
    Path work;

    private QuantminiJar jar;

    @BeforeEach
    void setUp() {
        jar = new QuantminiJar(work, Map.of("QUANTMINI_SOURCE", "local:" + work.resolve("flatfiles"),
                "CONFIG_ROOT", work.resolve("config").toString()));
    }

    private QuantminiJar.Run quantmini(String... args) throws IOException, InterruptedException {
        return jar.run(work.resolve("data"), args);
    }

    @Test
    void theJarRunsEveryStage() throws Exception {
        assertEquals(0, quantmini("--version").exitCode());
        QuantminiJar.Run sample = quantmini("-q", "sample-data", "--out", "flatfiles", "--from", "2024-03-25", "--to", "2024-03-28");
        assertEquals(0, sample.exitCode(), sample.out());
        QuantminiJar.Run download = quantmini("-q", "download", "--from", "2024-03-25", "--to", "2024-03-28");
        assertEquals(0, download.exitCode(), download.out());
        QuantminiJar.Run ingest = quantmini("-q", "ingest", "--from", "2024-03-25", "--to", "2024-03-28");
        assertEquals(0, ingest.exitCode(), ingest.out());
        assertTrue(ingest.out().contains("quarantined 0"), ingest.out());
        QuantminiJar.Run features = quantmini("-q", "features", "--from", "2024-03-25", "--to", "2024-03-28");
        assertEquals(0, features.exitCode(), features.out());
        assertTrue(Files.isRegularFile(work.resolve("data/silver/stocks_daily/year=2024/month=03/2024-03-28.parquet")));
        assertTrue(Files.isRegularFile(work.resolve("data/bronze/options_minute/year=2024/month=03/2024-03-28.parquet")));
        QuantminiJar.Run qlib = quantmini("-q", "qlib");
        assertEquals(0, qlib.exitCode(), qlib.out());
        QuantminiJar.Run validate = quantmini("-q", "validate", "--layer", "gold");
        assertEquals(0, validate.exitCode(), validate.out());
        assertTrue(validate.out().contains("gold stocks_daily: valid"), validate.out());
    }

    @Test
    void theDemoRunsEveryLayerAndARerunRedoesNothing() throws Exception {
        QuantminiJar.Run demo = quantmini("-q", "demo", "--from", "2024-03-18", "--to", "2024-03-28", "--tickers", "30");
        assertEquals(0, demo.exitCode(), demo.out());
        assertTrue(demo.out().contains("5/5 qlib -> gold"), demo.out());
        assertTrue(Files.isRegularFile(work.resolve("data/gold/qlib/stocks_daily/calendars/day.txt")));
        assertTrue(demo.out().contains("ticker          date            close"), demo.out());
        QuantminiJar.Run again = quantmini("-q", "demo", "--from", "2024-03-18", "--to", "2024-03-28", "--tickers", "30");
        assertEquals(0, again.exitCode(), again.out());
        assertTrue(again.out().contains("skipped 36"), "a rerun fetches nothing again: " + again.out());
    }

    @Test
    void anIngestKilledMidwayThenRerunGivesTheLakeOfACleanRun() throws Exception {
        assertEquals(0, quantmini("-q", "sample-data", "--out", "flatfiles", "--from", "2024-03-04", "--to", "2024-03-15",
                "--tickers", "600", "--minute-activity", "1", "--data-types", "stocks_minute,stocks_daily").exitCode());
        Path killed = work.resolve("killed");
        Path clean = work.resolve("clean");
        for (Path lake : List.of(killed, clean)) {
            assertEquals(0, jar.run(lake, "-q", "download", "--from", "2024-03-04", "--to", "2024-03-15",
                    "--data-types", "stocks_minute,stocks_daily").exitCode());
        }
        Process victim = jar.command(killed, "-q", "ingest", "--from", "2024-03-04", "--to", "2024-03-15",
                "--data-types", "stocks_minute,stocks_daily").redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Path bronze = killed.resolve("bronze/stocks_minute");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (victim.isAlive() && countFiles(bronze) < 2 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        victim.destroyForcibly().waitFor();

        assertEquals(0, jar.run(killed, "-q", "ingest", "--from", "2024-03-04", "--to", "2024-03-15",
                "--data-types", "stocks_minute,stocks_daily").exitCode());
        assertEquals(0, jar.run(clean, "-q", "ingest", "--from", "2024-03-04", "--to", "2024-03-15",
                "--data-types", "stocks_minute,stocks_daily").exitCode());
        for (String layer : List.of("bronze", "quarantine", "metadata")) {
            assertEquals(LakeComparison.digests(clean.resolve(layer)), LakeComparison.digests(killed.resolve(layer)),
                    layer + " equals a clean run's");
        }
    }

    private static long countFiles(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(p -> p.toString().endsWith(".parquet")).count();
        }
    }
}
