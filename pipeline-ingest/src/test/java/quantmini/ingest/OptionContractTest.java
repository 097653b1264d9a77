package quantmini.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OptionContractTest {
    @Test
    void parsesFromTheRightWhateverTheUnderlying() {
        assertEquals(Optional.of(new OptionContract("AAPL", LocalDate.of(2025, 1, 17), 'C', 150.0)),
                OptionContract.parse("O:AAPL250117C00150000"));
        assertEquals(Optional.of(new OptionContract("SPXW", LocalDate.of(2025, 11, 21), 'C', 5000.0)),
                OptionContract.parse("O:SPXW251121C05000000"));
        assertEquals(Optional.of(new OptionContract("NANOS", LocalDate.of(2023, 3, 27), 'C', 400.0)),
                OptionContract.parse("O:NANOS230327C00400000"));
        assertEquals(Optional.of(new OptionContract("AAPL1", LocalDate.of(2023, 3, 27), 'P', 0.5)),
                OptionContract.parse("O:AAPL1230327P00000500"));
        assertEquals(Optional.of(new OptionContract("SPY", LocalDate.of(2023, 3, 27), 'P', 390.125)),
                OptionContract.parse("O:SPY230327P00390125"));
    }

    @Test
    void rejectsWhatIsNoOccSymbol() {
        for (String bad : new String[] {"AAPL", "O:250117C00150000", "O:AAPL250117X00150000", "O:AAPL251317C00150000",
            "O:AAPL250117C0015000A", "X:AAPL250117C00150000"}) {
            assertEquals(Optional.empty(), OptionContract.parse(bad), bad);
        }
    }
}
