package quantmini.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleDataCommandTest {
    @TempDir
    Path temp;

    @Test
    void writesTheBucketLayoutWithPolygonsHeaderReadableByDuckDb() throws Exception {
        Path out = temp.resolve("flatfiles");
        CliRunner cli = CliRunner.forLake(temp.resolve("config"), temp.resolve("data"));

        CliRunner.Result result = cli.run("sample-data", "--out", out.toString(), "--from", "2024-03-27", "--to", "2024-04-01",
                "--tickers", "40");

        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().startsWith("Wrote 12 files"), result.out());
        List<String> files;
        try (Stream<Path> walk = Files.walk(out)) {
            files = walk.filter(Files::isRegularFile).map(p -> out.relativize(p).toString()).sorted().collect(Collectors.toList());
        }
        assertEquals(List.of(
                "us_options_opra/day_aggs_v1/2024/03/2024-03-27.csv.gz",
                "us_options_opra/day_aggs_v1/2024/03/2024-03-28.csv.gz",
                "us_options_opra/day_aggs_v1/2024/04/2024-04-01.csv.gz",
                "us_options_opra/minute_aggs_v1/2024/03/2024-03-27.csv.gz",
                "us_options_opra/minute_aggs_v1/2024/03/2024-03-28.csv.gz",
                "us_options_opra/minute_aggs_v1/2024/04/2024-04-01.csv.gz",
                "us_stocks_sip/day_aggs_v1/2024/03/2024-03-27.csv.gz",
                "us_stocks_sip/day_aggs_v1/2024/03/2024-03-28.csv.gz",
                "us_stocks_sip/day_aggs_v1/2024/04/2024-04-01.csv.gz",
                "us_stocks_sip/minute_aggs_v1/2024/03/2024-03-27.csv.gz",
                "us_stocks_sip/minute_aggs_v1/2024/03/2024-03-28.csv.gz",
                "us_stocks_sip/minute_aggs_v1/2024/04/2024-04-01.csv.gz"), files, "Good Friday and the weekend have no file");

        for (String file : files) {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                    new GZIPInputStream(Files.newInputStream(out.resolve(file))), StandardCharsets.UTF_8))) {
                assertEquals("ticker,volume,open,close,high,low,window_start,transactions", reader.readLine(), file);
            }
        }
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duckdb.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*), count(DISTINCT ticker), min(low) > 0, "
                        + "bool_and(high >= low) FROM read_csv('" + out + "/us_stocks_sip/day_aggs_v1/*/*/*.csv.gz')")) {
            assertTrue(rows.next());
            assertTrue(rows.getLong(1) > 100, "three days of about 40 tickers");
            assertTrue(rows.getLong(2) <= 40);
            assertTrue(rows.getBoolean(3));
            assertTrue(rows.getBoolean(4));
        }
    }

    @Test
    void theSameOptionsGiveTheSameBytes() throws IOException {
        CliRunner cli = CliRunner.forLake(temp.resolve("config"), temp.resolve("data"));
        for (String run : List.of("a", "b")) {
            assertEquals(0, cli.run("sample-data", "--out", temp.resolve(run).toString(), "--from", "2024-06-03",
                    "--data-types", "stocks_minute,options_daily").exitCode());
        }
        String key = "us_stocks_sip/minute_aggs_v1/2024/06/2024-06-03.csv.gz";
        assertTrue(java.util.Arrays.equals(Files.readAllBytes(temp.resolve("a").resolve(key)), Files.readAllBytes(temp.resolve("b").resolve(key))));
    }

    @Test
    void aRangeThatEndsBeforeItStartsIsAUsageError() {
        CliRunner cli = new CliRunner(Map.of("CONFIG_ROOT", temp.resolve("config").toString()));
        CliRunner.Result result = cli.run("sample-data", "--out", temp.toString(), "--from", "2024-03-25", "--to", "2024-03-01");
        assertEquals(2, result.exitCode());
        assertTrue(result.err().startsWith("quantmini: --to 2024-03-01 is before --from 2024-03-25"), result.err());
        CliRunner.Result early = cli.run("sample-data", "--out", temp.toString(), "--from", "1999-03-01");
        assertEquals(2, early.exitCode());
        assertTrue(early.err().contains("the generator starts at 2000-01-03"), early.err());
    }
}
