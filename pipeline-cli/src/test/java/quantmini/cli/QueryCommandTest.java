package quantmini.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueryCommandTest {
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
    void countsEqualADirectReadOfTheFiles() throws Exception {
        for (String view : List.of("bronze.stocks_daily", "bronze.stocks_minute", "bronze.options_daily",
                "silver.stocks_daily", "silver.stocks_minute")) {
            String[] parts = view.split("\\.");
            Path root = data.resolve(parts[0]).resolve(parts[1]);
            long direct = count("SELECT count(*) FROM read_parquet('" + root + "/*/*/*.parquet')");
            assertTrue(direct > 0, view);
            CliRunner.Result result = cli.run("query", "SELECT count(*) AS n FROM " + view, "--format", "csv");
            assertEquals(0, result.exitCode(), result.err());
            assertEquals("n\n" + direct + "\n", result.out(), view);
        }
        long stats = count("SELECT count(*) FROM read_parquet('" + data.resolve("metadata/stocks/daily_stats.parquet") + "')");
        CliRunner.Result result = cli.run("query", "SELECT count(*) AS n FROM metadata.stocks_daily_stats", "--format", "csv");
        assertEquals("n\n" + stats + "\n", result.out(), result.err());
        CliRunner.Result join = cli.run("query", "SELECT count(*) AS n FROM bronze.stocks_daily b "
                + "JOIN metadata.stocks_symbols s ON s.ticker = b.ticker AND s.data_type = 'stocks_daily'", "--format", "csv");
        assertEquals("n\n" + count("SELECT count(*) FROM read_parquet('" + data.resolve("bronze/stocks_daily") + "/*/*/*.parquet')")
                + "\n", join.out(), join.err());
    }

    private static final String VALUES = "SELECT * FROM (VALUES (1, 'a', 2.5, true), (10, 'b,\"c\"', NULL, false)) "
            + "t(id, name, price, ok) ORDER BY id";

    @Test
    void tableCsvAndJsonAreExact() {
        CliRunner.Result table = cli.run("query", VALUES, "--no-cache");
        assertEquals(0, table.exitCode(), table.err());
        assertEquals(String.join("\n",
                "id  name   price  ok",
                "--  -----  -----  -----",
                " 1  a        2.5  true",
                "10  b,\"c\"   NULL  false",
                "(2 rows)", ""), table.out());
        assertEquals("id,name,price,ok\n1,a,2.5,true\n10,\"b,\"\"c\"\"\",,false\n", cli.run("query", VALUES, "--format", "csv").out());
        assertEquals("[\n{\"id\":1,\"name\":\"a\",\"price\":2.5,\"ok\":true},\n"
                + "{\"id\":10,\"name\":\"b,\\\"c\\\"\",\"price\":null,\"ok\":false}\n]\n", cli.run("query", VALUES, "--format", "json").out());
        assertEquals("[]\n", cli.run("query", "SELECT 1 AS x WHERE false", "--format", "json").out());
        assertEquals("t,tz\n2024-03-18 09:30:00,2024-03-18 13:30:00+00\n", cli.run("query",
                "SELECT TIMESTAMP '2024-03-18 09:30:00' AS t, TIMESTAMPTZ '2024-03-18 13:30:00+00' AS tz", "--format", "csv").out());
        CliRunner.Result limited = cli.run("query", VALUES, "--max-rows", "1");
        assertTrue(limited.out().endsWith("(1 row, more not shown: raise --max-rows)\n"), limited.out());
    }

    @Test
    void theCacheAnswersUntilABronzeFileChanges() throws IOException {
        String sql = "SELECT count(*) AS n, sum(volume) AS v FROM bronze.stocks_daily";
        Path cacheFolder = data.resolve("tmp/query-cache");
        CliRunner.Result first = cli.run("query", sql, "--format", "csv");
        assertEquals(0, first.exitCode(), first.err());
        List<Path> entries = entries(cacheFolder);
        Path entry = entries.stream().filter(p -> read(p).contains("\"v\"")).findFirst().orElseThrow();
        assertEquals(first.out(), cli.run("query", sql, "--format", "csv").out());
        assertEquals(entries, entries(cacheFolder), "a hit writes no new entry");

        // A planted answer under the same key proves the second run read the cache, not the lake.
        Files.writeString(entry, read(entry).replaceFirst("\\[\\[\"\\d+\"", "[[\"-1\""));
        assertTrue(cli.run("query", sql, "--format", "csv").out().startsWith("n,v\n-1,"));

        Path day = data.resolve("bronze/stocks_daily/year=2024/month=03/2024-03-20.parquet");
        Files.setLastModifiedTime(day, FileTime.fromMillis(Files.getLastModifiedTime(day).toMillis() + 2000));
        assertEquals(first.out(), cli.run("query", sql, "--format", "csv").out(), "a touched file makes a new answer");
        assertEquals(entries.size() + 1, entries(cacheFolder).size());
    }

    @Test
    void badSqlExitsTwoWithOneLine() {
        CliRunner.Result result = cli.run("query", "SELEC * FROM bronze.stocks_daily");
        assertEquals(2, result.exitCode());
        assertEquals("", result.out());
        assertTrue(result.err().startsWith("quantmini: Parser Error"), result.err());
        assertEquals(1, result.err().lines().count(), result.err());
        CliRunner.Result missing = cli.run("query", "SELECT * FROM gold.nothing");
        assertEquals(2, missing.exitCode());
        assertEquals(1, missing.err().lines().count(), missing.err());
    }

    @Test
    void anEmptyLakeStillAnswersAndNamesAMissingView() {
        CliRunner empty = new CliRunner(Map.of("CONFIG_ROOT", temp.resolve("config").toString(),
                "DATA_ROOT", temp.resolve("empty").toString()));
        CliRunner.Result constant = empty.run("query", "SELECT 42 AS x", "--format", "csv");
        assertEquals("x\n42\n", constant.out(), constant.err());
        CliRunner.Result missing = empty.run("query", "SELECT * FROM bronze.stocks_daily");
        assertEquals(2, missing.exitCode());
        assertTrue(missing.err().contains("stocks_daily"), missing.err());
    }

    @Test
    void helpListsTheViewsWithAnExample() {
        CliRunner.Result help = cli.run("query", "--help");
        assertEquals(0, help.exitCode());
        for (String view : List.of("bronze.stocks_daily", "silver.options_minute", "metadata.options_contracts", "Example:")) {
            assertTrue(help.out().contains(view), view);
        }
    }

    private static long count(String sql) throws Exception {
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duckdb.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            assertTrue(rows.next());
            return rows.getLong(1);
        }
    }

    private static List<Path> entries(Path folder) throws IOException {
        try (Stream<Path> list = Files.list(folder)) {
            return list.sorted().collect(Collectors.toList());
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
