package quantmini.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** backfill and daily over a local source: the same code path as S3 once files have landed. */
class PipelineRunTest {
    private static final String TYPES = "stocks_daily,stocks_minute,options_daily";

    @TempDir
    Path temp;

    private CliRunner cli(String lake) {
        return new CliRunner(Map.of("CONFIG_ROOT", temp.resolve("config").toString(), "DATA_ROOT", temp.resolve(lake).toString(),
                "QUANTMINI_SOURCE", "local:" + temp.resolve("source")));
    }

    private void publish(String from, String to) {
        assertEquals(0, cli("unused").run("sample-data", "--out", temp.resolve("source").toString(), "--from", from, "--to", to,
                "--tickers", "30", "--data-types", TYPES).exitCode());
    }

    @Test
    void aBackfillThenNightlyRunsGiveTheLakeOfOneBackfill() throws IOException {
        publish("2024-02-26", "2024-03-08");
        CliRunner nightly = cli("nightly");
        CliRunner.Result backfill = nightly.run("backfill", "--from", "2024-02-26", "--to", "2024-03-08", "--data-types", TYPES);
        assertEquals(0, backfill.exitCode(), backfill.out() + backfill.err());
        for (String day : new String[] {"2024-03-11", "2024-03-12", "2024-03-13"}) {
            publish(day, day);
            CliRunner.Result daily = nightly.run("daily", "--today", day, "--data-types", TYPES);
            assertEquals(0, daily.exitCode(), daily.out() + daily.err());
        }
        CliRunner.Result quiet = nightly.run("daily", "--today", "2024-03-13", "--data-types", TYPES);
        assertEquals(0, quiet.exitCode());
        assertTrue(quiet.out().contains("daily: nothing new"), quiet.out());

        CliRunner once = cli("once");
        assertEquals(0, once.run("backfill", "--from", "2024-02-26", "--to", "2024-03-13", "--data-types", TYPES).exitCode());

        for (String layer : new String[] {"landing", "bronze", "gold", "quarantine"}) {
            assertEquals(contents(temp.resolve("once").resolve(layer)), contents(temp.resolve("nightly").resolve(layer)), layer);
        }
        // silver is written by DuckDB, whose row groups depend on how many dates one COPY holds:
        // equal values, not equal bytes (docs/FEATURES.md)
        Map<String, Integer> silver = contents(temp.resolve("once/silver"));
        assertEquals(silver.keySet(), contents(temp.resolve("nightly/silver")).keySet());
        for (String file : silver.keySet()) {
            assertEquals(0, differingRows(temp.resolve("once/silver").resolve(file), temp.resolve("nightly/silver").resolve(file)), file);
        }
        String watermarks = Files.readString(temp.resolve("nightly/metadata/stocks/watermarks.json"));
        assertTrue(watermarks.contains("\"stocks_daily\" : \"2024-03-13\"") || watermarks.contains("\"stocks_daily\": \"2024-03-13\""),
                watermarks);
    }

    @Test
    void aRepublishedDayIsFetchedAgainAndRedoneInEveryLayer() throws IOException {
        publish("2024-03-04", "2024-03-08");
        CliRunner lake = cli("lake");
        assertEquals(0, lake.run("backfill", "--from", "2024-03-04", "--to", "2024-03-08", "--data-types", "stocks_daily").exitCode());
        // the vendor corrects 2024-03-06: same key, other bytes
        Path corrected = temp.resolve("corrected");
        assertEquals(0, cli("unused").run("sample-data", "--out", corrected.toString(), "--from", "2024-03-06", "--seed", "7",
                "--tickers", "30", "--data-types", "stocks_daily").exitCode());
        String key = "us_stocks_sip/day_aggs_v1/2024/03/2024-03-06.csv.gz";
        Files.copy(corrected.resolve(key), temp.resolve("source").resolve(key), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        CliRunner.Result daily = lake.run("daily", "--today", "2024-03-08", "--data-types", "stocks_daily");

        assertEquals(0, daily.exitCode(), daily.out() + daily.err());
        assertTrue(daily.out().contains("fetched 1 (1 changed)"), daily.out());
        JsonNode report = latestReport(temp.resolve("lake/logs/runs"));
        assertEquals("success", report.get("outcome").asText());
        assertEquals("stocks_daily 2024-03-06", report.get("changed_dates").get(0).asText());
        assertEquals(1, report.at("/stages/1/units").asInt(), "the changed day alone is ingested again");
        CliRunner.Result validate = lake.run("validate", "--data-types", "stocks_daily");
        assertEquals(0, validate.exitCode(), validate.out());
    }

    @Test
    void aRunThatQuarantinesRowsCallsTheAlertCommandAndWebhookWithItsReport() throws Exception {
        publish("2024-03-04", "2024-03-05");
        // the vendor ships a day with malformed rows: they are quarantined, the run goes on
        String key = "us_stocks_sip/day_aggs_v1/2024/03/2024-03-05.csv.gz";
        byte[] broken = new quantmini.fixtures.BrokenFiles(new quantmini.fixtures.FlatFileGenerator(
                quantmini.fixtures.FixtureSpec.small().withStockTickers(30)))
                .make(quantmini.fixtures.BrokenFileKind.MALFORMED_ROWS, quantmini.core.DataType.STOCKS_DAILY,
                        java.time.LocalDate.of(2024, 3, 5)).gzipBytes();
        Files.write(temp.resolve("source").resolve(key), broken);
        java.util.concurrent.atomic.AtomicReference<String> posted = new java.util.concurrent.atomic.AtomicReference<>();
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hook", exchange -> {
            posted.set(new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        try {
            Path alerts = Files.createDirectories(temp.resolve("alerts"));
            CliRunner.Result run = cli("lake").run("-D", "alerts.command=cp -t " + alerts, "-D",
                    "alerts.webhook_url=http://127.0.0.1:" + server.getAddress().getPort() + "/hook",
                    "backfill", "--from", "2024-03-04", "--to", "2024-03-05", "--data-types", "stocks_daily");
            assertEquals(0, run.exitCode(), run.out() + run.err());
            assertTrue(run.out().contains("alert sent"), run.out());
            assertTrue(posted.get() != null && posted.get().contains("\"quarantined_rows\""), String.valueOf(posted.get()));
            assertTrue(new ObjectMapper().readTree(posted.get()).get("outcome").asText().equals("success"));
            // the command got the report's path as its last argument: cp -t copied it
            try (Stream<Path> copies = Files.list(alerts)) {
                Path copy = copies.findFirst().orElseThrow();
                assertEquals(posted.get(), Files.readString(copy));
                assertTrue(copy.getFileName().toString().endsWith("-backfill.json"), copy.toString());
            }
        } finally {
            server.stop(0);
        }
        CliRunner.Result quiet = cli("lake").run("-D", "alerts.command=false", "daily", "--today", "2024-03-05", "--data-types", "stocks_daily");
        assertTrue(!quiet.out().contains("alert sent"), "nothing new, nothing quarantined: no alert: " + quiet.out());
    }

    private static long differingRows(Path one, Path other) {
        String a = "read_parquet('" + one + "')";
        String b = "read_parquet('" + other + "')";
        try (java.sql.Connection duckdb = java.sql.DriverManager.getConnection("jdbc:duckdb:");
                java.sql.Statement statement = duckdb.createStatement();
                java.sql.ResultSet result = statement.executeQuery("SELECT (SELECT count(*) FROM (SELECT * FROM " + a
                        + " EXCEPT ALL SELECT * FROM " + b + ")) + (SELECT count(*) FROM (SELECT * FROM " + b
                        + " EXCEPT ALL SELECT * FROM " + a + ")) + abs((SELECT count(*) FROM " + a + ") - (SELECT count(*) FROM " + b + "))")) {
            result.next();
            return result.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }

    private static JsonNode latestReport(Path runs) throws IOException {
        try (Stream<Path> files = Files.list(runs)) {
            Path newest = files.filter(f -> f.getFileName().toString().endsWith("-daily.json")).sorted().reduce((a, b) -> b).orElseThrow();
            return new ObjectMapper().readTree(newest.toFile());
        }
    }

    /** Every file below {@code folder} (ETag records and the gold state folder left out) with a digest of its bytes. */
    private static Map<String, Integer> contents(Path folder) throws IOException {
        Map<String, Integer> contents = new TreeMap<>();
        if (!Files.isDirectory(folder)) {
            return contents;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String name = folder.relativize(file).toString();
                if (name.endsWith(".etag") || name.contains(".quantmini")) {
                    continue;
                }
                contents.put(name, Arrays.hashCode(Files.readAllBytes(file)));
            }
        }
        return contents;
    }
}
