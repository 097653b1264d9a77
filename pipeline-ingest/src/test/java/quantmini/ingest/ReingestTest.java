package quantmini.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quantmini.core.DataType;
import quantmini.core.FlatFileKey;
import quantmini.core.config.IngestMode;
import quantmini.fixtures.BrokenFileKind;
import quantmini.fixtures.BrokenFiles;
import quantmini.fixtures.FixtureSpec;
import quantmini.fixtures.FlatFileGenerator;
import quantmini.storage.DuckDb;
import quantmini.storage.LakeLayout;
import quantmini.storage.MetadataStore;

class ReingestTest {
    private static final FlatFileGenerator GENERATOR = new FlatFileGenerator(FixtureSpec.small());
    private static final List<LocalDate> DAYS = List.of(LocalDate.of(2024, 3, 26), LocalDate.of(2024, 3, 27), LocalDate.of(2024, 3, 28));
    private static final List<DataType> TYPES = List.of(DataType.STOCKS_DAILY, DataType.OPTIONS_DAILY);

    @TempDir
    Path root;

    private List<FlatFileKey> land(LakeLayout layout) throws Exception {
        List<FlatFileKey> keys = new ArrayList<>();
        for (DataType type : TYPES) {
            for (LocalDate day : DAYS) {
                keys.add(Lakes.put(layout, new FlatFileKey(type, day), GENERATOR.dayFile(type, day)));
            }
        }
        return keys;
    }

    private static void ingest(LakeLayout layout, List<FlatFileKey> keys) {
        IngestSummary summary = Lakes.ingest(layout, IngestMode.BATCH, IngestOptions.defaults(), keys);
        assertTrue(summary.succeeded(), () -> summary.failures().toString());
    }

    @Test
    void ingestingTheSameDaysTwiceGivesTheSameLake() throws Exception {
        LakeLayout layout = new LakeLayout(root);
        List<FlatFileKey> keys = land(layout);
        ingest(layout, keys);
        TreeMap<String, byte[]> first = Lakes.outputs(layout);
        ingest(layout, keys);
        assertSameFiles(first, Lakes.outputs(layout));
        assertTrue(first.containsKey("metadata/options/contracts.parquet"));
        assertTrue(first.containsKey("metadata/options/chains.parquet"));
        assertTrue(first.containsKey("metadata/stocks/symbols.parquet"));
    }

    @Test
    void reingestingADayHeldByACompactedMonthLeavesNoDuplicates() throws Exception {
        LakeLayout layout = new LakeLayout(root);
        List<FlatFileKey> keys = land(layout);
        ingest(layout, keys);
        TreeMap<String, byte[]> before = Lakes.outputs(layout);
        for (DataType type : TYPES) {
            compact(layout, type);
        }
        FlatFileKey middle = new FlatFileKey(DataType.STOCKS_DAILY, DAYS.get(1));
        ingest(layout, List.of(middle));

        Path bronzeRoot = layout.bronzeRoot(DataType.STOCKS_DAILY);
        String all = "read_parquet(" + DuckDb.literal(bronzeRoot.resolve("**").resolve("*.parquet")) + ")";
        long sourceRows = 0;
        for (LocalDate day : DAYS) {
            sourceRows += Lakes.count("SELECT count(*) FROM read_csv(" + DuckDb.literal(layout.landingFile(new FlatFileKey(DataType.STOCKS_DAILY, day)))
                    + ", header=true, " + Lakes.csvColumns() + ")");
        }
        assertEquals(sourceRows, Lakes.count("SELECT count(*) FROM " + all));
        assertEquals(0, Lakes.count("SELECT count(*) FROM (SELECT ticker, date FROM " + all + " GROUP BY ALL HAVING count(*) > 1)"));
        Path month = Path.of(bronzeRoot.toString(), "year=2024", "month=03", "month.parquet");
        assertEquals(0, Lakes.count("SELECT count(*) FROM read_parquet(" + DuckDb.literal(month) + ") WHERE date = DATE '" + DAYS.get(1) + "'"));
        assertTrue(Lakes.count("SELECT count(*) FROM read_parquet(" + DuckDb.literal(month) + ")") > 0);
        assertArrayEquals(before.get("bronze/stocks_daily/year=2024/month=03/" + DAYS.get(1) + ".parquet"),
                Files.readAllBytes(layout.bronzeFile(DataType.STOCKS_DAILY, DAYS.get(1))));
        // the day's metadata contribution was replaced, not added
        for (String file : List.of(MetadataStore.DAILY_STATS, MetadataStore.SYMBOLS)) {
            String name = "metadata/stocks/" + file;
            assertArrayEquals(before.get(name), Files.readAllBytes(layout.dataRoot().resolve(name)), name);
        }
    }

    /** A day re-ingested with other content leaves the metadata of a lake that only ever saw that content. */
    @Test
    void metadataAfterAChangedDayEqualsACleanRun() throws Exception {
        LakeLayout changed = new LakeLayout(root.resolve("changed"));
        List<FlatFileKey> keys = land(changed);
        ingest(changed, keys);
        byte[] headerOnly = new BrokenFiles(GENERATOR).make(BrokenFileKind.HEADER_ONLY, DataType.STOCKS_DAILY, DAYS.get(2)).gzipBytes();
        byte[] negative = new BrokenFiles(GENERATOR).make(BrokenFileKind.NEGATIVE_VALUES, DataType.OPTIONS_DAILY, DAYS.get(0)).gzipBytes();
        FlatFileKey lastStocks = Lakes.put(changed, new FlatFileKey(DataType.STOCKS_DAILY, DAYS.get(2)), headerOnly);
        FlatFileKey firstOptions = Lakes.put(changed, new FlatFileKey(DataType.OPTIONS_DAILY, DAYS.get(0)), negative);
        ingest(changed, List.of(lastStocks, firstOptions));

        LakeLayout clean = new LakeLayout(root.resolve("clean"));
        List<FlatFileKey> cleanKeys = land(clean);
        Lakes.put(clean, lastStocks, headerOnly);
        Lakes.put(clean, firstOptions, negative);
        ingest(clean, cleanKeys);

        assertSameFiles(Lakes.outputs(clean), Lakes.outputs(changed));
        assertFalse(Files.exists(changed.bronzeFile(DataType.STOCKS_DAILY, DAYS.get(2))));
    }

    @Test
    void aFailureHalfWayThroughADayLeavesThePreviousLake() throws Exception {
        LakeLayout layout = new LakeLayout(root);
        List<FlatFileKey> keys = land(layout);
        ingest(layout, keys);
        TreeMap<String, byte[]> before = Lakes.outputs(layout);
        FlatFileKey day = new FlatFileKey(DataType.OPTIONS_DAILY, DAYS.get(2));
        Lakes.put(layout, day, new BrokenFiles(GENERATOR).make(BrokenFileKind.TRUNCATED_GZIP, day.dataType(), day.date()).gzipBytes());
        for (IngestMode mode : IngestMode.values()) {
            // tiny chunks: the streaming mode has written rows (and spilled runs) when the gzip ends
            IngestSummary summary = Lakes.ingest(layout, mode, IngestOptions.defaults().withChunkRows(20, 10), List.of(day));
            assertFalse(summary.succeeded());
            assertTrue(summary.failures().get(0).error().orElseThrow().contains("gzip"), summary.failures().toString());
            assertSameFiles(before, Lakes.outputs(layout));
        }
    }

    /** A killed run leaves temporary files and spill runs; the rerun ends with the lake of a clean run. */
    @Test
    void aRerunAfterAKillGivesTheLakeOfACleanRun() throws Exception {
        LakeLayout clean = new LakeLayout(root.resolve("clean"));
        ingest(clean, land(clean));

        LakeLayout killed = new LakeLayout(root.resolve("killed"));
        List<FlatFileKey> keys = land(killed);
        FlatFileKey day = keys.get(1);
        Path bronze = killed.bronzeFile(day.dataType(), day.date());
        Files.createDirectories(bronze.getParent());
        Files.write(bronze.resolveSibling("." + bronze.getFileName() + ".12345.tmp"), new byte[] {1, 2, 3});
        Path quarantine = killed.quarantineFile(day.dataType(), day.date());
        Files.createDirectories(quarantine.getParent());
        Files.write(quarantine.resolveSibling("." + quarantine.getFileName() + ".999.tmp"), new byte[] {4});
        Path metadata = killed.metadataRoot(DataType.AssetClass.STOCKS);
        Files.createDirectories(metadata);
        Files.write(metadata.resolve(".symbols.parquet.777.tmp"), new byte[] {5});
        Path spill = killed.spillRoot().resolve("ingest-" + day.dataType().id() + "-4242");
        Files.createDirectories(spill);
        Files.write(spill.resolve("run-00000.arrow"), new byte[] {6});

        ingest(killed, keys);
        TreeMap<String, byte[]> expected = Lakes.outputs(clean);
        assertSameFiles(expected, Lakes.outputs(killed));
    }

    @Test
    void aCleanRerunRemovesTheDaysQuarantineFile() throws Exception {
        LakeLayout layout = new LakeLayout(root);
        FlatFileKey key = new FlatFileKey(DataType.STOCKS_DAILY, DAYS.get(0));
        Lakes.put(layout, key, new BrokenFiles(GENERATOR).make(BrokenFileKind.NEGATIVE_VALUES, key.dataType(), key.date()).gzipBytes());
        ingest(layout, List.of(key));
        assertTrue(Files.exists(layout.quarantineFile(key.dataType(), key.date())));
        Lakes.put(layout, key, GENERATOR.dayFile(key.dataType(), key.date()));
        ingest(layout, List.of(key));
        assertFalse(Files.exists(layout.quarantineFile(key.dataType(), key.date())));
    }

    /** What a compaction does: the month's day files become one month.parquet. */
    private static void compact(LakeLayout layout, DataType type) throws Exception {
        List<String> files = new ArrayList<>();
        for (LocalDate day : DAYS) {
            files.add(DuckDb.literal(layout.bronzeFile(type, day)));
        }
        Path month = Path.of(layout.bronzeRoot(type).toString(), "year=2024", "month=03", "month.parquet");
        Lakes.execute("COPY (SELECT * FROM read_parquet([" + String.join(", ", files) + "])) TO " + DuckDb.literal(month)
                + " (FORMAT parquet, COMPRESSION zstd)");
        for (LocalDate day : DAYS) {
            Files.delete(layout.bronzeFile(type, day));
        }
    }

    private static void assertSameFiles(Map<String, byte[]> expected, Map<String, byte[]> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        for (String name : expected.keySet()) {
            assertArrayEquals(expected.get(name), actual.get(name), name);
        }
    }
}
