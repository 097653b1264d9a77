package quantmini.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quantmini.storage.DuckDb;

/**
 * {@code quantmini validate} on a lake built by a backfill over a local source: clean, it is
 * valid in every layer; each kind of damage is reported with its layer, date, file and reason.
 */
class ValidateCommandTest {
    private static final String DAY = "2024-03-06";
    private static final String LANDED = "landing/polygon-s3/stocks_daily/2024/03/" + DAY + ".csv.gz";
    private static final String BRONZE = "bronze/stocks_daily/year=2024/month=03/" + DAY + ".parquet";
    private static final String SILVER = "silver/stocks_daily/year=2024/month=03/" + DAY + ".parquet";

    @TempDir
    static Path shared;

    @TempDir
    Path temp;

    /** Built once; each test damages its own copy. */
    private static Path cleanLake;

    @BeforeAll
    static void buildLake() {
        Path source = shared.resolve("source");
        CliRunner runner = cli(shared.resolve("lake"));
        assertEquals(0, runner.run("sample-data", "--out", source.toString(), "--from", "2024-03-04", "--to", "2024-03-08",
                "--tickers", "12", "--data-types", "stocks_daily").exitCode());
        CliRunner.Result backfill = runner.run("backfill", "--from", "2024-03-04", "--to", "2024-03-08", "--data-types", "stocks_daily");
        assertEquals(0, backfill.exitCode(), backfill.out() + backfill.err());
        cleanLake = shared.resolve("lake");
    }

    private static CliRunner cli(Path lake) {
        return new CliRunner(Map.of("CONFIG_ROOT", shared.resolve("config").toString(), "DATA_ROOT", lake.toString(),
                "QUANTMINI_SOURCE", "local:" + shared.resolve("source")));
    }

    /** A copy of the clean lake for one test to change. */
    private Path lake() throws IOException {
        Path copy = temp.resolve("lake");
        try (Stream<Path> files = Files.walk(cleanLake)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = copy.resolve(cleanLake.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else if (!file.getFileName().toString().equals(".quantmini.lock")) {
                    Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return copy;
    }

    private static JsonNode validateJson(Path lake, String... options) throws IOException {
        List<String> args = new ArrayList<>(List.of("validate", "--data-types", "stocks_daily", "--json"));
        args.addAll(List.of(options));
        CliRunner.Result result = cli(lake).run(args.toArray(String[]::new));
        JsonNode report = new ObjectMapper().readTree(result.out());
        assertEquals(report.get("valid").asBoolean() ? 0 : 1, result.exitCode(), result.out() + result.err());
        return report;
    }

    /** The findings of one layer, as "date|file|reason" lines. */
    private static List<String> findings(JsonNode report, String layer) {
        List<String> lines = new ArrayList<>();
        for (JsonNode layerReport : report.get("reports")) {
            if (layerReport.get("layer").asText().equals(layer)) {
                for (JsonNode finding : layerReport.get("findings")) {
                    assertEquals(layer, finding.get("layer").asText());
                    assertEquals("stocks_daily", finding.get("data_type").asText());
                    lines.add(finding.get("date").asText() + "|" + finding.get("file").asText() + "|" + finding.get("reason").asText());
                }
            }
        }
        return lines;
    }

    private static boolean anyStartsWith(List<String> lines, String prefix) {
        return lines.stream().anyMatch(line -> line.startsWith(prefix));
    }

    /** Rewrites a Parquet file of the lake through DuckDB: {@code select} reads it as {@code f}. */
    private static void rewrite(Path file, String select) throws Exception {
        Path temporary = file.resolveSibling("rewritten.tmp");
        try (Connection connection = DuckDb.connect(); Statement sql = connection.createStatement()) {
            sql.execute("COPY (" + select.replace("f", "read_parquet(" + DuckDb.literal(file) + ", hive_partitioning = false)")
                    + ") TO " + DuckDb.literal(temporary) + " (FORMAT parquet)");
        }
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void aCleanLakeIsValidInEveryLayer() throws IOException {
        Path lake = lake();
        CliRunner.Result text = cli(lake).run("validate", "--data-types", "stocks_daily");
        assertEquals(0, text.exitCode(), text.out() + text.err());
        for (String layer : new String[] {"landing", "bronze", "silver", "gold"}) {
            assertTrue(text.out().contains(layer + " stocks_daily: valid"), text.out());
        }
        assertTrue(text.out().contains("validate: valid; 4 reports, 0 findings"), text.out());

        JsonNode json = validateJson(lake);
        assertTrue(json.get("valid").asBoolean());
        assertEquals(4, json.get("reports").size());
        JsonNode landing = json.get("reports").get(0);
        assertEquals("landing", landing.get("layer").asText());
        assertEquals(5, landing.at("/checked/files").asLong());
        assertEquals(5, landing.at("/checked/source_files_listed").asLong());
        JsonNode bronze = json.get("reports").get(1);
        assertEquals(5, bronze.at("/checked/dates").asLong());
        assertEquals(landing.at("/checked/rows").asLong(), bronze.at("/checked/rows").asLong() + bronze.at("/checked/quarantined_rows").asLong());
        JsonNode silver = json.get("reports").get(2);
        assertEquals(bronze.at("/checked/rows").asLong(), silver.at("/checked/rows").asLong());
        assertTrue(silver.at("/checked/values").asLong() > silver.at("/checked/rows").asLong());
        assertEquals("gold", json.get("reports").get(3).get("layer").asText());
    }

    @Test
    void aCompactedMonthIsCheckedLikeItsDays() throws IOException {
        Path lake = lake();
        CliRunner.Result compact = cli(lake).run("compact", "--data-types", "stocks_daily", "--before", "2024-04");
        assertEquals(0, compact.exitCode(), compact.out() + compact.err());
        assertTrue(Files.isRegularFile(lake.resolve("bronze/stocks_daily/year=2024/month=03/month.parquet")));

        JsonNode report = validateJson(lake, "--layer", "bronze");
        assertTrue(report.get("valid").asBoolean(), report.toString());
        assertEquals(5, report.at("/reports/0/checked/dates").asLong());
        assertEquals(1, report.at("/reports/0/checked/files").asLong());
    }

    @Test
    void aTruncatedLandingFileIsUnreadable() throws IOException {
        Path lake = lake();
        Path landed = lake.resolve(LANDED);
        byte[] bytes = Files.readAllBytes(landed);
        Files.write(landed, java.util.Arrays.copyOf(bytes, bytes.length - 20));

        JsonNode report = validateJson(lake, "--layer", "landing");

        List<String> landing = findings(report, "landing");
        assertTrue(anyStartsWith(landing, DAY + "|" + LANDED + "|unreadable: not a complete gzip stream"), landing.toString());
        assertTrue(landing.contains(DAY + "|" + LANDED + "|" + (bytes.length - 20) + " bytes where its record says " + bytes.length),
                landing.toString());
        assertEquals(2, landing.size(), landing.toString());
    }

    @Test
    void aDateTheSourceListsButLandingLacksIsMissing() throws IOException {
        Path lake = lake();
        Files.delete(lake.resolve(LANDED));
        Files.delete(lake.resolve("landing/polygon-s3/stocks_daily/2024/03/." + DAY + ".csv.gz.etag"));

        JsonNode report = validateJson(lake, "--layer", "landing");

        assertEquals(List.of(DAY + "|" + LANDED + "|missing: the source lists us_stocks_sip/day_aggs_v1/2024/03/" + DAY
                + ".csv.gz but landing has no file for it"), findings(report, "landing"));
    }

    @Test
    void aSourceThatCannotBeListedIsAWarningAndOfflineSkipsIt() throws IOException {
        Path lake = lake();
        CliRunner withoutSource = CliRunner.forLake(shared.resolve("config"), lake);
        CliRunner.Result result = withoutSource.run("validate", "--layer", "landing", "--data-types", "stocks_daily");
        assertEquals(0, result.exitCode(), result.out() + result.err());
        assertTrue(result.out().contains("warning: the source cannot be opened (no S3 credentials"), result.out());

        JsonNode offline = validateJson(lake, "--layer", "landing", "--offline");
        assertTrue(offline.get("valid").asBoolean());
        assertTrue(offline.at("/reports/0/warnings/0").asText().startsWith("--offline: landing not compared"), offline.toString());
    }

    @Test
    void aDeletedBronzeDayIsMissingWhileLandingHasIt() throws IOException {
        Path lake = lake();
        long rows = cleanRows(lake, DAY);
        Files.delete(lake.resolve(BRONZE));

        JsonNode report = validateJson(lake, "--layer", "bronze");

        List<String> bronze = findings(report, "bronze");
        assertTrue(bronze.contains(DAY + "|" + BRONZE + "|missing: no bronze file, while " + LANDED + " holds " + rows
                + " data rows (0 quarantined)"), bronze.toString());
        assertTrue(bronze.contains(DAY + "|" + BRONZE + "|metadata daily_stats records " + rows + " rows, 12 tickers, 0 quarantined;"
                + " the lake holds 0 rows, 0 tickers, 0 quarantined"), bronze.toString());
        assertEquals(2, bronze.size(), bronze.toString());
    }

    @Test
    void aBronzeRowLostBreaksTheCountsAgainstLandingAndMetadata() throws Exception {
        Path lake = lake();
        long rows = cleanRows(lake, DAY);
        rewrite(lake.resolve(BRONZE), "SELECT * FROM f WHERE ticker <> (SELECT max(ticker) FROM f) ORDER BY ticker, window_start");

        JsonNode report = validateJson(lake, "--layer", "bronze");

        List<String> bronze = findings(report, "bronze");
        assertTrue(bronze.contains(DAY + "|" + BRONZE + "|" + (rows - 1) + " bronze rows + 0 quarantined = " + (rows - 1) + ", but "
                + LANDED + " holds " + rows + " data rows"), bronze.toString());
        assertTrue(anyStartsWith(bronze, DAY + "|" + BRONZE + "|metadata daily_stats records " + rows + " rows"), bronze.toString());
    }

    @Test
    void aDuplicatedBronzeRowIsFound() throws Exception {
        Path lake = lake();
        rewrite(lake.resolve(BRONZE), "SELECT * FROM (SELECT * FROM f UNION ALL (SELECT * FROM f ORDER BY ticker LIMIT 1))"
                + " ORDER BY ticker, window_start");

        JsonNode report = validateJson(lake, "--layer", "bronze");

        List<String> bronze = findings(report, "bronze");
        assertTrue(anyStartsWith(bronze, DAY + "|" + BRONZE + "|duplicate rows: (ticker "), bronze.toString());
        assertTrue(bronze.stream().anyMatch(line -> line.contains("is there 2 times")), bronze.toString());
    }

    @Test
    void bronzeRowsBreakingTheRulesOrTheOrderAreListedByRow() throws Exception {
        Path lake = lake();
        rewrite(lake.resolve(BRONZE), "SELECT ticker, volume, open, CASE WHEN ticker = (SELECT min(ticker) FROM f) THEN low - 1"
                + " ELSE high END AS high, low, close, window_start, transactions, date FROM f ORDER BY ticker DESC, window_start");

        JsonNode report = validateJson(lake, "--layer", "bronze");

        List<String> bronze = findings(report, "bronze");
        assertTrue(bronze.stream().anyMatch(line -> line.startsWith(DAY + "|" + BRONZE + "|row ") && line.contains(" below low ")),
                bronze.toString());
        assertTrue(bronze.stream().anyMatch(line -> line.startsWith(DAY + "|" + BRONZE + "|row 2 ") && line.contains("out of order")),
                bronze.toString());
    }

    @Test
    void aSilverValueAlteredIsFoundByRecomputingIt() throws Exception {
        Path lake = lake();
        rewrite(lake.resolve(SILVER), "SELECT * REPLACE (CASE WHEN ticker = (SELECT min(ticker) FROM f) THEN dollar_volume + 1"
                + " ELSE dollar_volume END AS dollar_volume) FROM f ORDER BY ticker, window_start");

        JsonNode report = validateJson(lake, "--layer", "silver");

        List<String> silver = findings(report, "silver");
        assertTrue(silver.stream().anyMatch(line -> line.startsWith(DAY + "|" + SILVER + "|row (ticker ")
                && line.contains("): dollar_volume stored ") && line.contains(", recomputed ")), silver.toString());
        assertTrue(silver.contains(DAY + "|" + SILVER + "|1 stored rows are not what bronze recomputes, 1 recomputed rows are not stored"),
                silver.toString());
        assertEquals(2, silver.size(), silver.toString());
    }

    @Test
    void anAlteredGoldValueIsFound() throws IOException {
        Path lake = lake();
        Path bin;
        try (Stream<Path> files = Files.walk(lake.resolve("gold/qlib/stocks_daily/features"))) {
            bin = files.filter(f -> f.getFileName().toString().equals("close.day.bin")).sorted().findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(bin);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putFloat(8, 12345.5f);
        Files.write(bin, bytes);

        JsonNode report = validateJson(lake, "--layer", "gold");

        List<String> gold = findings(report, "gold");
        assertEquals(1, gold.size(), gold.toString());
        assertTrue(gold.get(0).startsWith("2024-03-05|gold/qlib/stocks_daily|VALUE symbol="), gold.toString());
        assertTrue(gold.get(0).contains("field=close: stored 12345.5, input gives "), gold.toString());
    }

    @Test
    void theTextReportHasOneLinePerFindingAndARangeLimitsTheCheck() throws IOException {
        Path lake = lake();
        Files.delete(lake.resolve(BRONZE));
        CliRunner.Result text = cli(lake).run("validate", "--layer", "bronze", "--data-types", "stocks_daily");
        assertEquals(1, text.exitCode(), text.out() + text.err());
        assertTrue(text.out().contains("bronze stocks_daily: INVALID; 5 dates, 4 files, "), text.out());
        assertTrue(text.out().contains("\n  bronze stocks_daily " + DAY + " " + BRONZE + ": missing: no bronze file"), text.out());
        assertTrue(text.out().contains("validate: INVALID; 1 reports, 2 findings"), text.out());

        JsonNode outside = validateJson(lake, "--layer", "bronze", "--from", "2024-03-07", "--to", "2024-03-08");
        assertTrue(outside.get("valid").asBoolean(), outside.toString());
        assertEquals(2, outside.at("/reports/0/checked/dates").asLong());
    }

    @Test
    void usageErrorsExitWithTwo() throws IOException {
        Path lake = lake();
        assertEquals(2, cli(lake).run("validate", "--layer", "platinum").exitCode());
        assertEquals(2, cli(lake).run("validate", "--from", "2024-03-08", "--to", "2024-03-04").exitCode());
        assertFalse(Files.exists(lake.resolve("nothing")));
    }

    /** The data rows of a day's landed file, as the clean lake's bronze holds them. */
    private static long cleanRows(Path lake, String day) {
        try (Connection connection = DuckDb.connect(); Statement sql = connection.createStatement();
                var result = sql.executeQuery("SELECT count(*) FROM read_parquet(" + DuckDb.literal(lake.resolve(BRONZE)) + ")")) {
            result.next();
            return result.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }
}
