package quantmini.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FlatFileKeyTest {
    @Test
    void objectKeysFollowTheVendorsLayout() {
        assertEquals("us_stocks_sip/day_aggs_v1/2024/03/2024-03-28.csv.gz",
                new FlatFileKey(DataType.STOCKS_DAILY, LocalDate.of(2024, 3, 28)).objectKey());
        assertEquals("us_stocks_sip/minute_aggs_v1/2024/03/2024-03-28.csv.gz",
                new FlatFileKey(DataType.STOCKS_MINUTE, LocalDate.of(2024, 3, 28)).objectKey());
        assertEquals("us_options_opra/day_aggs_v1/2023/01/2023-01-03.csv.gz",
                new FlatFileKey(DataType.OPTIONS_DAILY, LocalDate.of(2023, 1, 3)).objectKey());
        assertEquals("us_options_opra/minute_aggs_v1/2023/12/2023-12-29.csv.gz",
                new FlatFileKey(DataType.OPTIONS_MINUTE, LocalDate.of(2023, 12, 29)).objectKey());
    }

    @Test
    void parsesEveryKeyItWritesAndNothingElse() {
        for (DataType type : DataType.values()) {
            FlatFileKey key = new FlatFileKey(type, LocalDate.of(2021, 2, 3));
            assertEquals(Optional.of(key), FlatFileKey.parse(key.objectKey()));
        }
        assertTrue(FlatFileKey.parse("us_stocks_sip/day_aggs_v1/2024/").isEmpty());
        assertTrue(FlatFileKey.parse("us_stocks_sip/trades_v1/2024/03/2024-03-28.csv.gz").isEmpty());
        assertTrue(FlatFileKey.parse("us_stocks_sip/day_aggs_v1/2024/04/2024-03-28.csv.gz").isEmpty(), "month folder disagrees");
        assertTrue(FlatFileKey.parse("us_stocks_sip/day_aggs_v1/2024/03/2024-03-32.csv.gz").isEmpty());
        assertTrue(FlatFileKey.parse("us_stocks_sip/day_aggs_v1/2024/03/2024-03-28.csv").isEmpty());
    }

    @Test
    void dataTypesParseByTheirExactName() {
        assertEquals(DataType.OPTIONS_MINUTE, DataType.fromId("options_minute"));
        assertEquals(java.util.List.of(DataType.STOCKS_DAILY, DataType.OPTIONS_DAILY),
                DataType.parseList("stocks_daily, options_daily,stocks_daily"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DataType.fromId("Stocks_Daily"));
        assertEquals("unknown data type 'Stocks_Daily' (expected one of stocks_daily, stocks_minute, options_daily, options_minute)",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DataType.parseList(" "));
    }
}
