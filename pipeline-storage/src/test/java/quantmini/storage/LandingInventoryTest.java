package quantmini.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quantmini.core.DataType;
import quantmini.core.FlatFileKey;

class LandingInventoryTest {
    private static final Instant NOW = Instant.parse("2024-03-08T01:00:00Z");

    @TempDir
    Path root;

    @Test
    void listsLandedDaysInRangeAndSkipsDotFilesAndStrays() throws IOException {
        LakeLayout layout = new LakeLayout(root);
        for (String day : List.of("2024-02-29", "2024-03-01", "2024-03-04")) {
            Path file = layout.landingFile(new FlatFileKey(DataType.STOCKS_DAILY, LocalDate.parse(day)));
            Files.createDirectories(file.getParent());
            Files.writeString(file, "x");
            Files.writeString(file.resolveSibling("." + file.getFileName() + ".etag"), "etag=1");
        }
        Path march = layout.landingRoot(DataType.STOCKS_DAILY).resolve("2024/03");
        Files.writeString(march.resolve(".2024-03-05.csv.gz.123.tmp"), "partial");
        Files.writeString(march.resolve("notes.txt"), "stray");

        List<FlatFileKey> keys = new LandingInventory(layout).keys(DataType.STOCKS_DAILY, LocalDate.of(2024, 3, 1), LocalDate.of(2024, 3, 31));

        assertEquals(List.of(new FlatFileKey(DataType.STOCKS_DAILY, LocalDate.of(2024, 3, 1)),
                new FlatFileKey(DataType.STOCKS_DAILY, LocalDate.of(2024, 3, 4))), keys);
        assertEquals(List.of(), new LandingInventory(layout).keys(DataType.OPTIONS_DAILY, LocalDate.of(2024, 3, 1), LocalDate.of(2024, 3, 31)));
    }

    @Test
    void aDayIsCurrentWhenItsBronzeIsNewerThanItsLandedFileAndNoIngestOfItWasCutShort() throws IOException {
        LakeLayout layout = new LakeLayout(root);
        FlatFileKey ingested = landed(layout, "2024-03-04");
        FlatFileKey republished = landed(layout, "2024-03-05");
        FlatFileKey cutShort = landed(layout, "2024-03-06");
        FlatFileKey notYet = landed(layout, "2024-03-07");
        for (FlatFileKey key : List.of(ingested, republished, cutShort)) {
            Path bronze = layout.bronzeFile(key.dataType(), key.date());
            Files.createDirectories(bronze.getParent());
            Files.writeString(bronze, "parquet");
            Files.setLastModifiedTime(bronze, FileTime.from(NOW));
        }
        Files.setLastModifiedTime(layout.landingFile(republished), FileTime.from(NOW.plusSeconds(60)));
        // a run was killed after it replaced the day's bronze, before its quarantine file and metadata
        Files.createDirectories(layout.pendingIngestNotes(DataType.AssetClass.STOCKS));
        Files.writeString(layout.pendingIngestNote(cutShort.dataType(), cutShort.date()), cutShort.date().toString());

        assertEquals(List.of(republished, cutShort, notYet),
                new LandingInventory(layout).withoutCurrentBronze(List.of(ingested, republished, cutShort, notYet)));
    }

    private static FlatFileKey landed(LakeLayout layout, String day) throws IOException {
        FlatFileKey key = new FlatFileKey(DataType.STOCKS_DAILY, LocalDate.parse(day));
        Path file = layout.landingFile(key);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "csv.gz");
        Files.setLastModifiedTime(file, FileTime.from(NOW.minusSeconds(60)));
        return key;
    }
}
