package quantmini.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quantmini.storage.DuckDb;

class ArchiveCommandTest {
    private static final List<String> FOLDERS = List.of("bronze/options_daily", "bronze/options_minute",
            "silver/options_daily", "silver/options_minute");

    @TempDir
    Path temp;

    @Test
    void archivesExpiredOptionsMonthsAndRestoresThemByteForByte() throws Exception {
        Path data = temp.resolve("data");
        CliRunner cli = CliRunner.forLake(temp.resolve("config"), data);
        CliRunner.Result demo = cli.run("demo", "--from", "2024-02-20", "--to", "2024-03-08", "--tickers", "20");
        assertEquals(0, demo.exitCode(), demo.out() + demo.err());

        LocalDate febMax = LocalDate.MIN;
        LocalDate marchMax = LocalDate.MIN;
        Map<Path, byte[]> before = new TreeMap<>();
        for (String folder : FOLDERS) {
            Path feb = data.resolve(folder).resolve("year=2024/month=02");
            febMax = later(febMax, maxExpiration(feb));
            marchMax = later(marchMax, maxExpiration(data.resolve(folder).resolve("year=2024/month=03")));
            try (Stream<Path> files = Files.list(feb)) {
                for (Path file : files.toList()) {
                    before.put(data.relativize(file), Files.readAllBytes(file));
                }
            }
        }
        LocalDate cutoff = febMax.plusDays(1);
        boolean marchStays = !marchMax.isBefore(cutoff);

        CliRunner.Result archive = cli.run("archive", "--expired-options", "--before", cutoff.toString());
        assertEquals(0, archive.exitCode(), archive.out() + archive.err());
        assertTrue(archive.out().contains("archived bronze options_daily 2024-02"), archive.out());
        assertTrue(archive.out().contains("quantmini qlib --data-types options_daily --full"), archive.out());
        for (String folder : FOLDERS) {
            String[] parts = folder.split("/");
            assertFalse(Files.exists(data.resolve(folder).resolve("year=2024/month=02")), folder);
            assertTrue(Files.isDirectory(data.resolve("archive").resolve(folder).resolve("year=2024/month=02")), folder);
            Path manifest = data.resolve("archive").resolve(parts[0] + "-" + parts[1] + "-2024-02.json");
            String json = Files.readString(manifest);
            assertTrue(json.contains("\"max_expiration\": \""), json);
            assertTrue(json.contains("\"files\": ["), json);
            if (marchStays) {
                assertTrue(Files.isDirectory(data.resolve(folder).resolve("year=2024/month=03")), folder);
            }
        }
        try (Connection c = DuckDb.connect(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FILTER (WHERE date < DATE '2024-03-01') FROM read_parquet("
                        + DuckDb.literal(data.resolve("bronze/options_daily/*/*/*.parquet")) + ", hive_partitioning = false)")) {
            r.next();
            assertEquals(0, r.getLong(1), "the live lake no longer sees february");
        }
        // gold still holds the archived days until its options tree is rebuilt from the live lake
        CliRunner.Result qlib = cli.run("qlib", "--data-types", "options_daily", "--full");
        assertEquals(0, qlib.exitCode(), qlib.out() + qlib.err());
        CliRunner.Result validate = cli.run("validate", "--layer", "gold");
        assertEquals(0, validate.exitCode(), validate.out() + validate.err());
        CliRunner.Result again = cli.run("archive", "--expired-options", "--before", cutoff.toString());
        assertTrue(again.out().contains("archive: 0 partitions archived"), again.out());

        CliRunner.Result restore = cli.run("archive", "--restore", "2024-02");
        assertEquals(0, restore.exitCode(), restore.out() + restore.err());
        assertTrue(restore.out().contains("archive: 4 partitions of 2024-02 restored"), restore.out());
        for (Map.Entry<Path, byte[]> file : before.entrySet()) {
            assertArrayEquals(file.getValue(), Files.readAllBytes(data.resolve(file.getKey())), file.getKey().toString());
        }
        try (Stream<Path> left = Files.list(data.resolve("archive"))) {
            assertTrue(left.noneMatch(p -> p.getFileName().toString().endsWith(".json")), "manifests go with the restore");
        }
        CliRunner.Result restoreAgain = cli.run("archive", "--restore", "2024-02");
        assertTrue(restoreAgain.out().contains("archive: 0 partitions of 2024-02 restored"), restoreAgain.out());
        assertEquals(2, cli.run("archive").exitCode());
    }

    private static LocalDate later(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    private static LocalDate maxExpiration(Path partition) throws Exception {
        if (!Files.isDirectory(partition)) {
            return LocalDate.MIN;
        }
        try (Connection c = DuckDb.connect(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT max(expiration) FROM read_parquet("
                        + DuckDb.literal(partition.resolve("*.parquet")) + ", hive_partitioning = false)")) {
            r.next();
            return r.getObject(1, LocalDate.class);
        }
    }
}
