package quantmini.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import quantmini.core.DataType;
import quantmini.core.FlatFileKey;
import quantmini.core.config.IngestMode;
import quantmini.fixtures.FixtureSpec;
import quantmini.fixtures.FlatFileGenerator;
import quantmini.storage.DuckDb;
import quantmini.storage.LakeLayout;

class BronzeRoundTripTest {
    private static final LocalDate DAY = LocalDate.of(2024, 3, 28);
    private static final FlatFileGenerator GENERATOR = new FlatFileGenerator(FixtureSpec.small());

    @TempDir
    Path root;

    @ParameterizedTest
    @EnumSource(DataType.class)
    void everyValueOfTheSourceIsInBronzeInBronzeOrder(DataType type) throws Exception {
        LakeLayout layout = new LakeLayout(root);
        FlatFileKey key = Lakes.put(layout, new FlatFileKey(type, DAY), GENERATOR.dayFile(type, DAY));
        IngestSummary summary = Lakes.ingest(layout, IngestMode.STREAMING, IngestOptions.defaults(), List.of(key));

        assertTrue(summary.succeeded(), () -> summary.failures().toString());
        DayReport day = summary.days().get(0);
        Path source = layout.landingFile(key);
        Path bronze = layout.bronzeFile(type, DAY);
        long sourceRows = Lakes.count("SELECT count(*) FROM read_csv(" + DuckDb.literal(source) + ", header=true, " + Lakes.csvColumns() + ")");
        assertTrue(sourceRows > 0);
        assertEquals(sourceRows, day.rowsIn());
        assertEquals(sourceRows, day.rowsWritten() + day.rowsQuarantined());
        assertEquals(0, day.rowsQuarantined());
        assertEquals(day.rowsWritten(), Lakes.count("SELECT count(*) FROM read_parquet(" + DuckDb.literal(bronze) + ")"));
        assertEquals(0, Lakes.valueDifferences(source, bronze, "true"));
        assertEquals(0, Lakes.count("SELECT count(*) FROM read_parquet(" + DuckDb.literal(bronze) + ") WHERE date <> DATE '" + DAY + "'"));
        assertFalse(Files.exists(layout.quarantineFile(type, DAY)));
        assertInBronzeOrder(bronze, type.isOptions());
        if (type.isOptions()) {
            assertEquals(0, Lakes.count("SELECT count(*) FROM read_parquet(" + DuckDb.literal(bronze) + ") WHERE "
                    + "underlying <> substr(ticker, 3, length(ticker) - 17) "
                    + "OR expiration <> CAST(strptime('20' || substr(ticker, length(ticker) - 14, 6), '%Y%m%d') AS DATE) "
                    + "OR option_type <> substr(ticker, length(ticker) - 8, 1) "
                    + "OR strike <> CAST(substr(ticker, length(ticker) - 7) AS BIGINT) / 1000.0"));
        }
    }

    static void assertInBronzeOrder(Path bronze, boolean options) throws Exception {
        String key = options ? "underlying, expiration, option_type, strike, ticker, window_start" : "ticker, window_start";
        // file order (row_number over the scan) must equal the sorted order
        long outOfPlace = Lakes.count("WITH f AS (SELECT *, row_number() OVER () AS pos FROM read_parquet(" + DuckDb.literal(bronze)
                + ")), s AS (SELECT pos, row_number() OVER (ORDER BY " + key + ") AS want FROM f) SELECT count(*) FROM s WHERE pos <> want");
        assertEquals(0, outOfPlace);
    }
}
