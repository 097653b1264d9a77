package quantmini.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusCommandTest {
    private static final List<String> DAYS = List.of("2024-03-18", "2024-03-19", "2024-03-20", "2024-03-21",
            "2024-03-22", "2024-03-25", "2024-03-26", "2024-03-27", "2024-03-28");

    @TempDir
    static Path temp;

    private static CliRunner cli;
    private static Path data;

    @BeforeAll
    static void buildLake() {
        data = temp.resolve("data");
        cli = CliRunner.forLake(temp.resolve("config"), data);
        CliRunner.Result demo = cli.run("demo", "--from", "2024-03-18", "--to", "2024-03-28", "--tickers", "20");
        assertEquals(0, demo.exitCode(), demo.err());
    }

    @Test
    void jsonHasDatesRowsBytesAndGoldPerTypeAndLayer() throws Exception {
        JsonNode status = json();
        assertEquals(data.toAbsolutePath().normalize().toString(), status.get("data_root").asText());
        JsonNode stocks = status.get("data_types").get("stocks_daily");
        for (String layer : List.of("landing", "bronze", "silver", "gold")) {
            JsonNode node = stocks.get(layer);
            assertEquals("2024-03-18", node.get("first_date").asText(), layer);
            assertEquals("2024-03-28", node.get("last_date").asText(), layer);
            assertEquals(9, node.get("dates").asInt(), layer);
            assertEquals(0, node.get("gaps").size(), layer);
            assertTrue(node.get("bytes").asLong() > 0, layer);
        }
        assertTrue(stocks.get("landing").get("rows").isNull());
        assertEquals(count("bronze/stocks_daily"), stocks.get("bronze").get("rows").asLong());
        assertEquals(count("silver/stocks_minute"), status.get("data_types").get("stocks_minute").get("silver").get("rows").asLong());
        long instruments;
        try (Stream<String> lines = Files.lines(data.resolve("gold/qlib/stocks_daily/instruments/all.txt"))) {
            instruments = lines.filter(line -> !line.isBlank()).count();
        }
        assertEquals(instruments, stocks.get("gold").get("instruments").asLong());
        assertEquals(9, stocks.get("gold").get("calendar_length").asInt());
        JsonNode minuteGold = status.get("data_types").get("stocks_minute").get("gold");
        assertEquals(9, minuteGold.get("dates").asInt(), "minute calendar entries count by day");
        assertTrue(minuteGold.get("calendar_length").asInt() > 9 * 60);
        JsonNode optionsMinuteGold = status.get("data_types").get("options_minute").get("gold");
        assertEquals(0, optionsMinuteGold.get("dates").asInt());
        assertTrue(optionsMinuteGold.get("first_date").isNull());
    }

    @Test
    void aDeletedBronzeDayIsAGapAndItsRowsNoLongerCount() throws Exception {
        long before = json().get("data_types").get("options_daily").get("bronze").get("rows").asLong();
        Path day = data.resolve("bronze/options_daily/year=2024/month=03/2024-03-20.parquet");
        long dayRows = count(day);
        Files.delete(day);

        JsonNode bronze = json().get("data_types").get("options_daily").get("bronze");
        assertEquals(8, bronze.get("dates").asInt());
        assertEquals(List.of("2024-03-20"), texts(bronze.get("gaps")));
        assertEquals(before - dayRows, bronze.get("rows").asLong());
        assertEquals(count("bronze/options_daily"), bronze.get("rows").asLong());

        CliRunner.Result text = cli.run("status");
        assertEquals(0, text.exitCode(), text.err());
        assertTrue(text.out().contains("options_daily bronze: 2024-03-20\n"), text.out());
        assertTrue(text.out().matches("(?s).*options_daily +bronze +2024-03-18 +2024-03-28 +8 +1 .*"), text.out());
        assertTrue(text.out().contains("DATA TYPE"), text.out());
    }

    @Test
    void theNewestRunReportGivesTheLastOutcome() throws Exception {
        Path runs = data.resolve("logs/runs");
        Files.createDirectories(runs);
        Files.writeString(runs.resolve("20240101T000000Z-1.json"), "{\"outcome\":\"failed\",\"finished_at\":\"2024-01-01T00:10:00Z\"}");
        Files.writeString(runs.resolve("20240102T000000Z-2.json"),
                "{\"outcome\":\"success\",\"finished_at\":\"2024-01-02T00:10:00Z\",\"stages\":[{\"name\":\"download\"}]}");
        JsonNode last = json().get("last_run");
        assertEquals("success", last.get("outcome").asText());
        assertEquals("2024-01-02T00:10:00Z", last.get("finished_at").asText());
        assertTrue(last.get("file").asText().endsWith("20240102T000000Z-2.json"));
        assertTrue(cli.run("status").out().contains("Last run: success, finished 2024-01-02T00:10:00Z"));

        Files.writeString(runs.resolve("20240103T000000Z-3.json"), "{\"started_at\":\"2024-01-03T00:00:00Z\"}");
        assertTrue(json().get("last_run").get("outcome").isNull(), "a report still running has no outcome yet");
    }

    @Test
    void anEmptyLakeSaysSo() throws Exception {
        CliRunner empty = new CliRunner(Map.of("CONFIG_ROOT", temp.resolve("config").toString(),
                "DATA_ROOT", temp.resolve("empty").toString()));
        CliRunner.Result text = empty.run("status");
        assertEquals(0, text.exitCode(), text.err());
        assertTrue(text.out().contains("The lake is empty"), text.out());
        assertTrue(text.out().contains("Last run: none recorded"), text.out());
        JsonNode status = new ObjectMapper().readTree(empty.run("status", "--json").out());
        assertEquals(0, status.get("data_types").get("stocks_daily").get("bronze").get("dates").asInt());
        assertTrue(status.get("last_run").isNull());
    }

    private static JsonNode json() throws Exception {
        CliRunner.Result result = cli.run("status", "--json");
        assertEquals(0, result.exitCode(), result.err());
        return new ObjectMapper().readTree(result.out());
    }

    private static long count(String layerAndType) throws Exception {
        return count(data.resolve(layerAndType).resolve("*/*/*.parquet"));
    }

    private static long count(Path files) throws Exception {
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duckdb.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*) FROM read_parquet('" + files + "')")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }
}
