package quantmini.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import quantmini.core.DataType;
import quantmini.core.FlatFileKey;
import quantmini.core.config.IngestMode;
import quantmini.core.progress.ProgressListener;
import quantmini.core.validation.DateRange;
import quantmini.core.validation.Finding;
import quantmini.core.validation.LakeLayer;
import quantmini.core.validation.LayerReport;
import quantmini.fixtures.BrokenFile;
import quantmini.fixtures.BrokenFileKind;
import quantmini.fixtures.BrokenFiles;
import quantmini.fixtures.FixtureSpec;
import quantmini.fixtures.FlatFileGenerator;
import quantmini.storage.DuckDb;
import quantmini.storage.LakeLayout;
import quantmini.storage.LandingFileReader;
import quantmini.storage.MonthCompactor;

/** Bronze checked against landing, quarantine and metadata, and file by file. */
class BronzeValidatorTest {
    private static final FlatFileGenerator GENERATOR = new FlatFileGenerator(FixtureSpec.small());
    private static final List<LocalDate> DAYS = List.of(LocalDate.of(2024, 3, 4), LocalDate.of(2024, 3, 5), LocalDate.of(2024, 3, 6));
    private static final LocalDate DAY = DAYS.get(1);

    @TempDir
    Path root;

    /** Three ingested days of {@code type}; the middle one with malformed and duplicate rows in quarantine. */
    private LakeLayout lake(DataType type) throws Exception {
        LakeLayout layout = new LakeLayout(root);
        BrokenFiles broken = new BrokenFiles(GENERATOR);
        List<FlatFileKey> keys = new ArrayList<>();
        for (LocalDate date : DAYS) {
            byte[] bytes = date.equals(DAY) ? broken.make(BrokenFileKind.MALFORMED_ROWS, type, date).gzipBytes()
                    : GENERATOR.dayFile(type, date);
            keys.add(Lakes.put(layout, new FlatFileKey(type, date), bytes));
        }
        IngestSummary summary = Lakes.ingest(layout, IngestMode.BATCH, IngestOptions.defaults(), keys);
        assertTrue(summary.succeeded() && summary.rowsQuarantined() > 0, summary.toString());
        return layout;
    }

    private static LayerReport validate(LakeLayout layout, DataType type) {
        return new BronzeValidator(layout).validate(type, DateRange.ALL, ProgressListener.NONE);
    }

    private static List<String> reasons(LayerReport report) {
        return report.findings().stream().map(Finding::reason).toList();
    }

    private static void rewrite(Path file, String select) throws Exception {
        Path temporary = file.resolveSibling("rewritten.tmp");
        Lakes.execute("COPY (" + select.replace("f", "read_parquet(" + DuckDb.literal(file) + ", hive_partitioning = false)")
                + ") TO " + DuckDb.literal(temporary) + " (FORMAT parquet)");
        Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"STOCKS_DAILY", "STOCKS_MINUTE", "OPTIONS_DAILY"})
    void anIngestedLakeIsValidWithItsQuarantinedRowsCounted(DataType type) throws Exception {
        LakeLayout layout = lake(type);

        LayerReport report = validate(layout, type);

        assertTrue(report.isValid(), report.findings().toString());
        assertEquals(LakeLayer.BRONZE, report.layer());
        assertEquals(3, report.checked().get("dates"));
        assertEquals(3, report.checked().get("files"));
        assertTrue(report.checked().get("quarantined rows") > 0, report.describe());
    }

    @Test
    void aCompactedMonthIsValidAndADayInBothFilesIsCountedTwice() throws Exception {
        LakeLayout layout = lake(DataType.STOCKS_DAILY);
        new MonthCompactor().compactLayer(layout.bronzeRoot(DataType.STOCKS_DAILY), YearMonth.of(2024, 4));
        assertTrue(Files.exists(layout.bronzeRoot(DataType.STOCKS_DAILY).resolve("year=2024/month=03/month.parquet")));
        LayerReport compacted = validate(layout, DataType.STOCKS_DAILY);
        assertTrue(compacted.isValid(), compacted.findings().toString());
        assertEquals(1, compacted.checked().get("files"));

        Path month = layout.bronzeRoot(DataType.STOCKS_DAILY).resolve("year=2024/month=03/month.parquet");
        Path day = layout.bronzeFile(DataType.STOCKS_DAILY, DAY);
        Lakes.execute("COPY (SELECT * FROM read_parquet(" + DuckDb.literal(month) + ", hive_partitioning = false) WHERE date = DATE '" + DAY + "' ORDER BY ticker, "
                + "window_start) TO " + DuckDb.literal(day) + " (FORMAT parquet)");

        LayerReport doubled = validate(layout, DataType.STOCKS_DAILY);

        assertTrue(reasons(doubled).contains("the date is in 2 files, its rows counted twice: "
                + "bronze/stocks_daily/year=2024/month=03/2024-03-05.parquet, bronze/stocks_daily/year=2024/month=03/month.parquet"),
                reasons(doubled).toString());
    }

    @Test
    void aLostQuarantineFileBreaksTheCountAgainstLanding() throws Exception {
        LakeLayout layout = lake(DataType.STOCKS_DAILY);
        long quarantined = QuarantineWriter.countRows(layout.quarantineFile(DataType.STOCKS_DAILY, DAY));
        Files.delete(layout.quarantineFile(DataType.STOCKS_DAILY, DAY));

        LayerReport report = validate(layout, DataType.STOCKS_DAILY);

        Finding count = report.findings().get(0);
        assertEquals(DAY.toString(), count.date());
        assertEquals("bronze/stocks_daily/year=2024/month=03/2024-03-05.parquet", count.file());
        assertTrue(count.reason().matches("\\d+ bronze rows \\+ 0 quarantined = \\d+, but landing/polygon-s3/stocks_daily/2024/03/"
                + "2024-03-05.csv.gz holds \\d+ data rows"), count.reason());
        String stats = report.findings().get(1).reason();
        assertTrue(stats.startsWith("metadata daily_stats records ") && stats.contains(", " + quarantined + " quarantined; the lake holds ")
                && stats.endsWith(", 0 quarantined"), stats);
        assertEquals(2, report.findings().size(), report.findings().toString());
    }

    @Test
    void aCloseAboveTheHighIsKeptAsPublishedAndIsNoFinding() throws Exception {
        LakeLayout layout = lake(DataType.STOCKS_DAILY);
        rewrite(layout.bronzeFile(DataType.STOCKS_DAILY, DAY), "SELECT * REPLACE (CASE WHEN ticker = (SELECT min(ticker) FROM f)"
                + " THEN high + 1 ELSE close END AS close) FROM f ORDER BY ticker, window_start");

        LayerReport report = validate(layout, DataType.STOCKS_DAILY);

        assertTrue(report.isValid(), "ingest keeps such a bar, so bronze holding it is no defect: " + report.findings());
    }

    @Test
    void aWrongDateAndAWrongSchemaAreFound() throws Exception {
        LakeLayout layout = lake(DataType.STOCKS_DAILY);
        Path day = layout.bronzeFile(DataType.STOCKS_DAILY, DAY);
        rewrite(day, "SELECT * REPLACE (CASE WHEN ticker = (SELECT min(ticker) FROM f) THEN date + 1 ELSE date END AS date) FROM f"
                + " ORDER BY ticker, window_start");
        Path other = layout.bronzeFile(DataType.STOCKS_DAILY, DAYS.get(0));
        rewrite(other, "SELECT * REPLACE (CAST(volume AS DOUBLE) AS volume) FROM f");

        LayerReport report = validate(layout, DataType.STOCKS_DAILY);

        List<String> reasons = reasons(report);
        assertTrue(reasons.contains("1 rows with date 2024-03-06, which is not the file's 2024-03-05"), reasons.toString());
        assertTrue(reasons.stream().anyMatch(r -> r.startsWith("schema (ticker VARCHAR, volume DOUBLE, ")
                && r.contains("is not the bronze schema (ticker VARCHAR, volume BIGINT, ")), reasons.toString());
    }

    @ParameterizedTest
    @EnumSource(BrokenFileKind.class)
    void theLandingReaderCountsTheRowsTheParserCounts(BrokenFileKind kind) throws Exception {
        LakeLayout layout = new LakeLayout(root);
        BrokenFile file = new BrokenFiles(GENERATOR).make(kind, DataType.STOCKS_DAILY, DAY);
        FlatFileKey key = Lakes.put(layout, new FlatFileKey(DataType.STOCKS_DAILY, DAY), file.gzipBytes());
        DayReport ingested = Lakes.ingest(layout, IngestMode.STREAMING, IngestOptions.defaults(), List.of(key)).days().get(0);

        if (kind.readable()) {
            assertEquals(ingested.rowsIn(), LandingFileReader.countDataRows(new ByteArrayInputStream(file.gzipBytes())));
        } else {
            assertThrows(LandingFileReader.UnreadableFileException.class,
                    () -> LandingFileReader.countDataRows(new ByteArrayInputStream(file.gzipBytes())));
        }
    }
}
