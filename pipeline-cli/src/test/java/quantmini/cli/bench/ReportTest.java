package quantmini.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {
    @TempDir
    Path temp;

    private static final Machine MACHINE = new Machine(2, 25.3, "Test CPU", "OpenJDK 17");

    private static Report report(List<CaseResult> results) {
        return new Report("scripts/bench --quick", Sizes.quick(), MACHINE, Instant.parse("2026-11-27T09:00:00Z"), "1.0", "2.0", results,
                Optional.empty());
    }

    private static CaseResult bronzeRow() {
        Sample ours = new Sample("quantmini ingest", List.of(9.0), List.of(3.0, 1.0, 2.0), 300_000);
        Sample theirs = new Sample("DuckDB COPY", List.of(5.0), List.of(4.0, 4.0, 5.0), 100_000);
        return CaseResult.of("bronze/stocks_minute day", "1 file", ours, theirs);
    }

    @Test
    void eachRowHasItsStatisticsTheReferenceAndTheRatioOfTheMedians() throws Exception {
        JsonNode json = new ObjectMapper().readTree(report(List.of(bronzeRow(),
                CaseResult.alone("floor/stocks_minute day", "1 file", new Sample("gzip -dc", List.of(), List.of(0.5), 2_000)))).json());

        JsonNode row = json.get("cases").get(0);
        assertEquals("bronze/stocks_minute day", row.get("name").asText());
        assertEquals("s", row.get("unit").asText());
        assertEquals(3, row.get("runs").asInt());
        assertEquals(2.0, row.get("median").asDouble());
        assertEquals(1.0, row.get("min").asDouble());
        assertEquals(3.0, row.get("max").asDouble());
        assertEquals(300_000, row.get("peakRssKb").asLong());
        assertEquals("DuckDB COPY", row.get("reference").get("measured").asText());
        assertEquals(4.0, row.get("reference").get("median").asDouble());
        assertEquals(0.5, row.get("ratio").asDouble(), "quantmini's median over the reference's");
        assertTrue(json.get("cases").get(1).get("reference").isNull());
        assertEquals(2, json.get("machine").get("cores").asInt());
    }

    @Test
    void writesTheTableBetweenTheMarkerLinesOnlyAndLeavesMarkersNamedInProseAlone() throws Exception {
        Path page = temp.resolve("PERFORMANCE.md");
        Files.writeString(page, "# Performance\n\nThe table sits between `" + Report.START + "` and `" + Report.END + "`.\n\n"
                + Report.START + "\nold table\n" + Report.END + "\n\n## Notes\n");

        report(List.of(bronzeRow())).writeInto(page);

        String text = Files.readString(page);
        assertTrue(text.startsWith("# Performance\n\nThe table sits between `" + Report.START + "` and `" + Report.END + "`.\n\n"
                + Report.START + "\n`scripts/bench --quick`, 2026-11-27 09:00 UTC, on 2 cores (Test CPU)"), text);
        assertTrue(text.contains("| bronze/stocks_minute day | 1 file | quantmini ingest (3 runs) | 2.00 (1.00-3.00) | 292 "
                + "| DuckDB COPY (3 runs) | 4.00 (4.00-5.00) | 97 | **0.50** |\n" + Report.END + "\n\n## Notes\n"), text);
        assertFalse(text.contains("old table"));
    }

    @Test
    void jmhResultsInJmhsOwnFormatBecomeATableAndStayInTheJson() throws Exception {
        JsonNode jmh = new ObjectMapper().readTree("[{\"benchmark\": \"quantmini.ingest.FlatFileParserBenchmark.parse\", "
                + "\"mode\": \"thrpt\", \"params\": {\"dataType\": \"stocks_minute\", \"stockTickers\": \"5000\"}, "
                + "\"primaryMetric\": {\"score\": 1.25, \"scoreError\": \"NaN\", \"scoreUnit\": \"ops/s\"}, "
                + "\"secondaryMetrics\": {\"rows\": {\"score\": 2206315.78, \"scoreUnit\": \"ops/s\"}}}]");
        Report report = new Report("scripts/bench --quick", Sizes.quick(), MACHINE, Instant.parse("2026-11-27T09:00:00Z"), "1.0", "2.0",
                List.of(bronzeRow()), Optional.of(jmh));

        assertTrue(report.markdown().contains(
                "| FlatFileParserBenchmark.parse | dataType=stocks_minute, stockTickers=5000 | thrpt | 1.250 |  | ops/s | rows 2.21 M/s |"),
                report.markdown());
        assertEquals(1.25, new ObjectMapper().readTree(report.json()).get("jmh").get(0).get("primaryMetric").get("score").asDouble());
    }

    @Test
    void refusesAPageWithoutTheMarkerLines() throws Exception {
        Path page = temp.resolve("PERFORMANCE.md");
        Files.writeString(page, "# Performance\n\nNamed only in prose: `" + Report.START + "` `" + Report.END + "`.\n");

        IOException error = assertThrows(IOException.class, () -> report(List.of(bronzeRow())).writeInto(page));
        assertTrue(error.getMessage().contains("no section between the lines"), error.getMessage());
    }
}
