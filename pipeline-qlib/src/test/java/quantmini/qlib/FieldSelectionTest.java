package quantmini.qlib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class FieldSelectionTest {
    private static final List<String> SILVER = List.of("volume", "open", "high", "low", "close", "transactions", "strike",
            "vwap", "return_1d", "alpha_5");

    @Test
    void everyNumericFeatureFollowsTheBaseFields() {
        assertEquals(List.of("open", "high", "low", "close", "volume", "vwap", "change", "factor", "alpha_5", "return_1d"),
                FieldSelection.all().resolve(SILVER));
    }

    @Test
    void includeThenExclude() {
        assertEquals(List.of("close", "change", "return_1d"),
                new FieldSelection(List.of("return_1d", "close", "change", "volume"), List.of("volume")).resolve(SILVER));
        assertEquals(List.of("close", "transactions"), new FieldSelection(List.of("close", "transactions"), List.of()).resolve(SILVER));
    }

    @Test
    void badListsAreErrors() {
        assertThrows(IllegalArgumentException.class, () -> new FieldSelection(List.of("nope"), List.of()).resolve(SILVER));
        assertThrows(IllegalArgumentException.class, () -> new FieldSelection(List.of(), FieldSelection.BASE_FIELDS).resolve(List.of()));
        assertThrows(IllegalArgumentException.class, () -> new FieldSelection(List.of("../x"), List.of()));
        assertThrows(IllegalArgumentException.class, () -> FieldSelection.all().resolve(List.of("bad name")));
    }
}
