package quantmini.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quantmini.core.DataType;
import quantmini.core.FlatFileKey;
import quantmini.fixtures.BrokenFileKind;
import quantmini.fixtures.BrokenFiles;
import quantmini.fixtures.FixtureSpec;
import quantmini.fixtures.FlatFileGenerator;
import quantmini.storage.LakeLayout;

/** backfill and daily over a local source: the same code path as S3 once files have landed. */
class PipelineRunTest {
    private static final String TYPES = "stocks_daily,stocks_minute,options_daily";
    /** A day the vendor ships with malformed rows. */
    private static final FlatFileKey MALFORMED = new FlatFileKey(DataType.STOCKS_DAILY, LocalDate.of(2024, 3, 5));

    @TempDir
    Path temp;

    private CliRunner cli(String lake) {
        return new CliRunner(Map.of("CONFIG_ROOT", temp.resolve("config").toString(), "DATA_ROOT", temp.resolve(lake).toString(),
                "QUANTMINI_SOURCE", "local:" + temp.resolve("source")));
    }

    private void publishWithMalformedRows(FlatFileKey key) throws IOException {
        byte[] broken = new BrokenFiles(new FlatFileGenerator(FixtureSpec.small().withStockTickers(30)))
                .make(BrokenFileKind.MALFORMED_ROWS, key.dataType(), key.date()).gzipBytes();
        Files.write(temp.resolve("source").resolve(key.objectKey()), broken);
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

        List<String> differences = LakeComparison.differences(temp.resolve("once"), temp.resolve("nightly"));
        assertTrue(differences.isEmpty(), LakeComparison.describe("a backfill and nightly runs made different lakes", differences));
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
        JsonNode report = RunReports.newest(temp.resolve("lake"), "daily");
        assertEquals("success", report.get("outcome").asText());
        assertEquals("stocks_daily 2024-03-06", report.get("changed_dates").get(0).asText());
        assertEquals(1, report.at("/stages/1/units").asInt(), "the changed day alone is ingested again");
        CliRunner.Result validate = lake.run("validate", "--data-types", "stocks_daily");
        assertEquals(0, validate.exitCode(), validate.out());
    }

    @Test
    void aDayWhoseIngestWasKilledAfterItsBronzeWasWrittenIsIngestedAgain() throws IOException {
        publish("2024-03-04", "2024-03-05");
        publishWithMalformedRows(MALFORMED);
        CliRunner lake = cli("lake");
        assertEquals(0, lake.run("backfill", "--from", "2024-03-04", "--to", "2024-03-05", "--data-types", "stocks_daily").exitCode());
        LakeLayout layout = new LakeLayout(temp.resolve("lake"));
        Path quarantine = layout.quarantineFile(MALFORMED.dataType(), MALFORMED.date());
        byte[] quarantined = Files.readAllBytes(quarantine);
        // what a run killed between the day's bronze and its quarantine file leaves: bronze newer
        // than landing, no quarantine file, and the day's pending note
        Files.delete(quarantine);
        Path note = layout.pendingIngestNote(MALFORMED.dataType(), MALFORMED.date());
        Files.createDirectories(note.getParent());
        Files.writeString(note, MALFORMED.date().toString());

        CliRunner.Result rerun = lake.run("backfill", "--from", "2024-03-04", "--to", "2024-03-05", "--data-types", "stocks_daily");

        assertEquals(0, rerun.exitCode(), rerun.out() + rerun.err());
        assertTrue(rerun.out().contains("ingest: 1 landed files"), "the day cut short alone is ingested again: " + rerun.out());
        assertArrayEquals(quarantined, Files.readAllBytes(quarantine));
        assertFalse(Files.exists(note), "the note goes once the day is recorded");
    }

    @Test
    void aRunThatQuarantinesRowsCallsTheAlertCommandAndWebhookWithItsReport() throws Exception {
        publish("2024-03-04", "2024-03-05");
        // the vendor ships a day with malformed rows: they are quarantined, the run goes on
        publishWithMalformedRows(MALFORMED);
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
}
