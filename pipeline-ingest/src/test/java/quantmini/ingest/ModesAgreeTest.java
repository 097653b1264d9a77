package quantmini.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import quantmini.core.calendar.UsEquityCalendar;
import quantmini.core.config.IngestMode;
import quantmini.fixtures.BrokenFileKind;
import quantmini.fixtures.BrokenFiles;
import quantmini.fixtures.FixtureSpec;
import quantmini.fixtures.FlatFileGenerator;
import quantmini.storage.LakeLayout;

class ModesAgreeTest {
    private static final FlatFileGenerator GENERATOR = new FlatFileGenerator(FixtureSpec.small());

    @TempDir
    Path root;

    /**
     * Streaming with big chunks (files in order go straight through, unsorted day files are
     * sorted in memory), streaming with tiny chunks (unsorted files go through spilled runs and a
     * merge, duplicates meet across runs), batch with big chunks and with tiny ones (unsorted files
     * are then sorted whole in memory, sorted ones stream in chunks) and parallel: the same bytes
     * in every output file.
     */
    @Test
    void everyModeWritesTheSameLake() throws Exception {
        List<LocalDate> days = UsEquityCalendar.tradingDays(LocalDate.of(2024, 3, 25), LocalDate.of(2024, 3, 27));
        List<Run> runs = List.of(
                new Run("streaming", IngestMode.STREAMING, IngestOptions.defaults()),
                new Run("streaming-tiny-chunks", IngestMode.STREAMING, IngestOptions.defaults().withChunkRows(40, 10)),
                new Run("batch", IngestMode.BATCH, IngestOptions.defaults()),
                new Run("batch-tiny-chunks", IngestMode.BATCH, IngestOptions.defaults().withChunkRows(40, 10)),
                new Run("parallel", IngestMode.PARALLEL, IngestOptions.defaults().withThreads(3)));
        Map<String, TreeMap<String, byte[]>> lakes = new TreeMap<>();
        for (Run run : runs) {
            LakeLayout layout = new LakeLayout(root.resolve(run.name));
            List<FlatFileKey> keys = new ArrayList<>();
            for (LocalDate day : days) {
                for (DataType type : DataType.values()) {
                    keys.add(Lakes.put(layout, new FlatFileKey(type, day), GENERATOR.dayFile(type, day)));
                }
            }
            // a day with duplicates and bad rows too
            FlatFileKey duplicates = new FlatFileKey(DataType.STOCKS_DAILY, LocalDate.of(2024, 3, 28));
            keys.add(Lakes.put(layout, duplicates, new BrokenFiles(GENERATOR).make(BrokenFileKind.DUPLICATE_ROWS,
                    DataType.STOCKS_DAILY, duplicates.date()).gzipBytes()));
            FlatFileKey malformed = new FlatFileKey(DataType.STOCKS_MINUTE, LocalDate.of(2024, 3, 28));
            keys.add(Lakes.put(layout, malformed, new BrokenFiles(GENERATOR).make(BrokenFileKind.MALFORMED_ROWS,
                    DataType.STOCKS_MINUTE, malformed.date()).gzipBytes()));
            IngestSummary summary = Lakes.ingest(layout, run.mode, run.options, keys);
            assertTrue(summary.succeeded(), () -> summary.failures().toString());
            lakes.put(run.name, Lakes.outputs(layout));
        }
        TreeMap<String, byte[]> reference = lakes.get("batch");
        assertTrue(reference.keySet().stream().filter(name -> name.startsWith("bronze")).count() >= days.size() * 4L);
        assertTrue(reference.keySet().stream().noneMatch(name -> name.startsWith("tmp")), "spill files are removed");
        for (Map.Entry<String, TreeMap<String, byte[]>> lake : lakes.entrySet()) {
            assertEquals(reference.keySet(), lake.getValue().keySet(), lake.getKey());
            for (String file : reference.keySet()) {
                assertArrayEquals(reference.get(file), lake.getValue().get(file), lake.getKey() + ": " + file);
            }
        }
    }

    private record Run(String name, IngestMode mode, IngestOptions options) {}
}
