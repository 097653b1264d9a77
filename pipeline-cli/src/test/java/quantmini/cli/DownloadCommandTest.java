package quantmini.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DownloadCommandTest {
    @TempDir
    Path temp;

    @Test
    void mirrorsALocalSourceIntoLandingThenSkipsWhatIsThere() throws Exception {
        Path source = temp.resolve("source");
        Map<String, String> environment = Map.of("CONFIG_ROOT", temp.resolve("config").toString(),
                "DATA_ROOT", temp.resolve("data").toString(), "QUANTMINI_SOURCE", "local:" + source);
        CliRunner cli = new CliRunner(environment);
        assertEquals(0, cli.run("sample-data", "--out", source.toString(), "--from", "2024-03-27", "--to", "2024-03-28",
                "--data-types", "stocks_daily").exitCode());

        CliRunner.Result first = cli.run("download", "--data-types", "stocks_daily", "--from", "2024-03-01", "--to", "2024-03-31");
        assertEquals(0, first.exitCode(), first.err());
        assertTrue(first.out().contains("stocks_daily: 2 files from 2024-03-01 to 2024-03-31"), first.out());
        assertTrue(first.out().contains("download: fetched 2 (0 changed), skipped 0, failed 0"), first.out());
        String key = "2024/03/2024-03-28.csv.gz";
        assertArrayEquals(Files.readAllBytes(source.resolve("us_stocks_sip/day_aggs_v1").resolve(key)),
                Files.readAllBytes(temp.resolve("data/landing/polygon-s3/stocks_daily").resolve(key)));

        CliRunner.Result second = cli.run("download", "--data-types", "stocks_daily", "--from", "2024-03-01", "--to", "2024-03-31");
        assertTrue(second.out().contains("fetched 0 (0 changed), skipped 2, failed 0"), second.out());
    }

    @Test
    void s3WithoutCredentialsIsAConfigurationError() {
        CliRunner cli = CliRunner.forLake(temp.resolve("config"), temp.resolve("data"));
        CliRunner.Result result = cli.run("download", "--from", "2024-03-01");
        assertEquals(2, result.exitCode());
        assertTrue(result.err().startsWith("quantmini: no S3 credentials: set POLYGON_S3_KEY and POLYGON_S3_SECRET"), result.err());
    }
}
