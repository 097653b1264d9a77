package quantmini.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import quantmini.core.DataType;
import quantmini.core.FlatFileKey;
import quantmini.core.config.IngestMode;
import quantmini.fixtures.SharedSamples;
import quantmini.storage.DuckDb;
import quantmini.storage.LakeLayout;

/** The real Polygon samples, where the build machine has them (skipped elsewhere). */
class SharedSamplesTest {
    @TempDir
    Path root;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        SharedSamples.STOCKS_DAY + ",stocks_daily,2023-03-28,99",
        SharedSamples.OPTIONS_DAY + ",options_daily,2023-03-27,3",
        SharedSamples.OPTIONS_MINUTE + ",options_minute,2023-03-13,43"})
    void realSamplesRoundTrip(String sample, String typeId, String date, long rows) throws Exception {
        Optional<Path> csv = SharedSamples.file(sample);
        assumeTrue(csv.isPresent(), "shared samples absent");
        LakeLayout layout = new LakeLayout(root);
        FlatFileKey key = Lakes.put(layout, new FlatFileKey(DataType.fromId(typeId), LocalDate.parse(date)), gzip(csv.get()));
        IngestSummary summary = Lakes.ingest(layout, IngestMode.STREAMING, IngestOptions.defaults(), List.of(key));
        assertTrue(summary.succeeded(), () -> summary.failures().toString());
        assertEquals(rows, summary.rowsWritten());
        assertEquals(0, summary.rowsQuarantined());
        Path bronze = layout.bronzeFile(key.dataType(), key.date());
        assertEquals(0, Lakes.valueDifferences(layout.landingFile(key), bronze, "true"));
        BronzeRoundTripTest.assertInBronzeOrder(bronze, key.dataType().isOptions());
    }

    /** The minute sample's window_start has 17 digits: every row is damaged, none may reach bronze. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(SharedSamples.STOCKS_MINUTE)
    void damagedTimestampsOfTheMinuteSampleAreQuarantined(String sample) throws Exception {
        Optional<Path> csv = SharedSamples.file(sample);
        assumeTrue(csv.isPresent(), "shared samples absent");
        LakeLayout layout = new LakeLayout(root);
        FlatFileKey key = Lakes.put(layout, new FlatFileKey(DataType.STOCKS_MINUTE, LocalDate.of(2023, 3, 28)), gzip(csv.get()));
        IngestSummary summary = Lakes.ingest(layout, IngestMode.STREAMING, IngestOptions.defaults(), List.of(key));
        assertTrue(summary.succeeded(), () -> summary.failures().toString());
        assertEquals(99, summary.rowsIn());
        assertEquals(0, summary.rowsWritten());
        assertEquals(99, summary.rowsQuarantined());
        List<String> lines = Files.readAllLines(layout.quarantineFile(key.dataType(), key.date()));
        assertEquals(100, lines.size());
        assertTrue(lines.subList(1, 100).stream().allMatch(line -> line.split(",")[1].equals("bad_window_start")));
        assertEquals("93", lines.get(92).split(",")[0]);
        assertTrue(lines.get(92).contains("00001680008040000"));
        assertTrue(!Files.exists(layout.bronzeFile(key.dataType(), key.date())));
        assertEquals(0, Lakes.count("SELECT rows FROM read_parquet(" + DuckDb.literal(
                layout.metadataRoot(DataType.AssetClass.STOCKS).resolve("daily_stats.parquet")) + ")"));
    }

    private static byte[] gzip(Path csv) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(Files.readAllBytes(csv));
        }
        return bytes.toByteArray();
    }
}
