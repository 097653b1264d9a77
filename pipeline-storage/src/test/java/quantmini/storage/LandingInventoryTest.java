package quantmini.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quantmini.core.DataType;
import quantmini.core.FlatFileKey;

class LandingInventoryTest {
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
}
