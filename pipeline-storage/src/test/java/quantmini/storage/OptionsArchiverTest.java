package quantmini.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quantmini.core.DataType;

class OptionsArchiverTest {
    @TempDir
    Path temp;

    private LakeLayout layout() {
        return new LakeLayout(temp);
    }

    private OptionsArchiver archiver() {
        return new OptionsArchiver(layout(), Clock.fixed(Instant.parse("2024-06-01T00:00:00Z"), ZoneOffset.UTC));
    }

    private Path day(String date, String expiration) throws Exception {
        LocalDate d = LocalDate.parse(date);
        Path file = layout().bronzeFile(DataType.OPTIONS_DAILY, d);
        Files.createDirectories(file.getParent());
        try (Connection c = DuckDb.connect(); Statement s = c.createStatement()) {
            s.execute("COPY (SELECT DATE '" + date + "' AS date, 'O:X' || i AS ticker, DATE '" + expiration
                    + "' - CAST(i AS INTEGER) AS expiration FROM range(4) t(i)) TO " + DuckDb.literal(file) + " (FORMAT PARQUET)");
        }
        return file;
    }

    @Test
    void archivesOnlyMonthsWhoseContractsAllExpiredAndRestoresTheSameBytes() throws Exception {
        Path feb1 = day("2024-02-01", "2024-03-15");
        Path feb2 = day("2024-02-02", "2024-03-15");
        Path mar = day("2024-03-01", "2024-04-19");
        byte[] bytes = Files.readAllBytes(feb1);

        List<ArchivedPartition> archived = archiver().archiveExpired(LocalDate.of(2024, 4, 1));
        assertEquals(1, archived.size());
        ArchivedPartition feb = archived.get(0);
        assertEquals(YearMonth.of(2024, 2), feb.month());
        assertEquals(2, feb.files());
        assertEquals(8, feb.rows());
        assertEquals(LocalDate.of(2024, 3, 15), feb.maxExpiration());
        assertFalse(Files.exists(feb1.getParent()));
        assertTrue(Files.exists(mar));
        String json = Files.readString(feb.manifest());
        assertTrue(json.contains("\"archived_at\": \"2024-06-01T00:00:00Z\""), json);
        assertTrue(json.contains("{\"name\": \"2024-02-01.parquet\", \"bytes\": " + bytes.length + ", \"rows\": 4}"), json);
        assertTrue(archiver().archiveExpired(LocalDate.of(2024, 4, 1)).isEmpty(), "archiving again does nothing");

        assertEquals(1, archiver().restore(YearMonth.of(2024, 2)).size());
        assertArrayEquals(bytes, Files.readAllBytes(feb1));
        assertTrue(Files.exists(feb2));
        assertFalse(Files.exists(feb.manifest()));
        assertTrue(archiver().restore(YearMonth.of(2024, 2)).isEmpty(), "restoring again does nothing");
    }

    @Test
    void aKilledArchiveIsFinishedByTheNextRun() throws Exception {
        Path feb1 = day("2024-02-01", "2024-03-15");
        day("2024-02-02", "2024-03-15");
        ArchivedPartition first = archiver().archiveExpired(LocalDate.of(2024, 4, 1)).get(0);
        // as if killed after the manifest and the first move: one file is still live
        Path stored = archiver().archiveRoot("bronze", DataType.OPTIONS_DAILY).resolve("year=2024/month=02");
        Files.createDirectories(feb1.getParent());
        Files.move(stored.resolve("2024-02-01.parquet"), feb1);

        List<ArchivedPartition> again = archiver().archiveExpired(LocalDate.of(2024, 4, 1));
        assertEquals(1, again.size());
        assertEquals(first.rows(), again.get(0).rows());
        assertEquals(2, again.get(0).files());
        assertFalse(Files.exists(feb1));

        // and a restore killed half way
        Files.createDirectories(feb1.getParent());
        Files.move(stored.resolve("2024-02-01.parquet"), feb1);
        assertEquals(2, archiver().restore(YearMonth.of(2024, 2)).get(0).files());
        assertEquals(2, MonthCompactor.dayFiles(feb1.getParent()).size());
    }
}
