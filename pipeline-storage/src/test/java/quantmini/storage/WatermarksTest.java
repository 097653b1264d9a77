package quantmini.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quantmini.core.DataType;
import quantmini.core.QuantminiException;

class WatermarksTest {
    @TempDir
    Path root;

    @Test
    void advancesOnlyForwardAndKeepsTypesApart() throws Exception {
        Watermarks marks = new Watermarks(new LakeLayout(root));
        assertEquals(Optional.empty(), marks.get(DataType.STOCKS_DAILY));
        marks.advance(DataType.STOCKS_DAILY, LocalDate.of(2024, 3, 28));
        marks.advance(DataType.STOCKS_MINUTE, LocalDate.of(2024, 3, 27));
        assertEquals(LocalDate.of(2024, 3, 28), marks.advance(DataType.STOCKS_DAILY, LocalDate.of(2024, 3, 1)));
        assertEquals(Optional.of(LocalDate.of(2024, 3, 28)), new Watermarks(new LakeLayout(root)).get(DataType.STOCKS_DAILY));
        assertEquals(Optional.of(LocalDate.of(2024, 3, 27)), marks.get(DataType.STOCKS_MINUTE));
        assertEquals(Optional.empty(), marks.get(DataType.OPTIONS_DAILY));
        String json = Files.readString(marks.file(DataType.AssetClass.STOCKS));
        assertTrue(json.contains("\"stocks_daily\": \"2024-03-28\""), json);
    }

    @Test
    void aDamagedFileIsAnErrorNamingIt() throws Exception {
        Watermarks marks = new Watermarks(new LakeLayout(root));
        Path file = marks.file(DataType.AssetClass.OPTIONS);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\"options_daily\": ");
        QuantminiException e = assertThrows(QuantminiException.class, () -> marks.get(DataType.OPTIONS_DAILY));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
    }
}
