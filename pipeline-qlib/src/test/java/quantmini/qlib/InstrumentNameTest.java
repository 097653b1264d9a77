package quantmini.qlib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import quantmini.core.DataType;
import quantmini.fixtures.FixtureSpec;
import quantmini.fixtures.TickerUniverse;

class InstrumentNameTest {
    private static InstrumentName stock(String ticker) {
        return InstrumentName.of(DataType.STOCKS_DAILY, ticker);
    }

    @Test
    void lowerCaseLettersAreEscaped() {
        assertEquals("ALL_PB", stock("ALLpB").instrument());
        assertEquals("all_pb", stock("ALLpB").directory());
        assertEquals("ADS_W", stock("ADSw").instrument());
        assertEquals("ADSW", stock("ADSW").instrument());
        assertEquals("AAN_W", stock("AANw").instrument());
        assertTrue(stock("ADSw").isEscaped());
        assertFalse(stock("ADSW").isEscaped());
    }

    @Test
    void dotsStayAndReservedWindowsNamesGetQlibsPrefix() {
        assertEquals("BRK.A", stock("BRK.A").instrument());
        assertEquals("brk.a", stock("BRK.A").directory());
        assertEquals("CON", stock("CON").instrument());
        assertEquals("_qlib_con", stock("CON").directory());
        for (String reserved : new String[] {"PRN", "AUX", "NUL", "COM0", "COM1", "COM9", "LPT1", "LPT9"}) {
            assertEquals("_qlib_" + reserved.toLowerCase(Locale.ROOT), stock(reserved).directory(), reserved);
        }
        assertEquals("conn", stock("CONN").directory(), "only the exact reserved names");
        assertEquals("com10", stock("COM10").directory());
    }

    @Test
    void optionsDropTheirPrefix() {
        InstrumentName spxw = InstrumentName.of(DataType.OPTIONS_DAILY, "O:SPXW251121C05000000");
        assertEquals("SPXW251121C05000000", spxw.instrument());
        assertEquals("spxw251121c05000000", spxw.directory());
        assertFalse(spxw.isEscaped());
        assertEquals("O:SPXW251121C05000000", InstrumentName.ofInstrument(DataType.OPTIONS_DAILY, "SPXW251121C05000000").polygonTicker());
    }

    @Test
    void theNameMapsBackToTheTicker() {
        for (String ticker : new String[] {"ALLpB", "ADSw", "ADSW", "BRK.A", "CON", "A", "ACw"}) {
            assertEquals(ticker, InstrumentName.ofInstrument(DataType.STOCKS_DAILY, stock(ticker).instrument()).polygonTicker());
        }
        assertThrows(IllegalArgumentException.class, () -> InstrumentName.ofInstrument(DataType.STOCKS_DAILY, "AB_"));
        assertThrows(IllegalArgumentException.class, () -> InstrumentName.ofInstrument(DataType.STOCKS_DAILY, "AB_1"));
    }

    @Test
    void namesThatCannotBeFoldersOrWouldBeAmbiguousAreRejected() {
        for (String bad : new String[] {"", "A_B", "A/B", "A\\B", "A:B", "A B", "..", "A*", "Ä"}) {
            assertThrows(IllegalArgumentException.class, () -> stock(bad), bad);
        }
    }

    @Test
    void theWholeFixtureUniverseHasDistinctFoldersUnderCaseFolding() {
        TickerUniverse universe = new TickerUniverse(FixtureSpec.small().withStockTickers(2_000));
        Set<String> folded = new HashSet<>();
        Set<String> instruments = new HashSet<>();
        for (String ticker : universe.stockTickers()) {
            InstrumentName name = stock(ticker);
            assertTrue(folded.add(name.directory().toUpperCase(Locale.ROOT)), "folder clash for " + ticker);
            assertTrue(instruments.add(name.instrument()));
            assertEquals(name.instrument().toUpperCase(Locale.ROOT), name.instrument());
            assertEquals(name.directory().toLowerCase(Locale.ROOT), name.directory());
        }
        assertEquals(universe.stockTickers().size(), folded.size());
    }
}
