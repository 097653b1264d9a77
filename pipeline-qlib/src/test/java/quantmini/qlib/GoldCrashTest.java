package quantmini.qlib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quantmini.core.DataType;
import quantmini.core.QuantminiException;
import quantmini.core.io.FileTrees;
import quantmini.core.progress.ProgressListener;

/** A build killed half way leaves the previous tree for Qlib, and the next run repairs it. */
class GoldCrashTest {
    private static final DataType TYPE = DataType.STOCKS_DAILY;

    @TempDir
    Path temp;

    /** Fails the build after {@code after} .bin files, as a kill would stop it. */
    private static WriteHook failAfter(int after) {
        AtomicInteger files = new AtomicInteger();
        return file -> {
            if (files.incrementAndGet() > after) {
                throw new IOException("injected failure after " + after + " files, at " + file);
            }
        };
    }

    private static GoldBuilder failing(TestLake lake, int after) {
        return new GoldBuilder(lake.layout, GoldOptions.defaults(),
                type -> ParquetGoldInput.open(lake.layout, type, SourceLayer.AUTO), failAfter(after));
    }

    @Test
    void aKilledAppendIsRolledBackAndRedoneByTheNextRun() throws Exception {
        TestLake lake = new TestLake(temp);
        List<LocalDate> dates = lake.addBronze(TYPE, LocalDate.of(2024, 7, 1), LocalDate.of(2024, 7, 19));
        LocalDate lastButOne = dates.get(dates.size() - 2);
        // A ticker new on the last day: the kill also leaves a new instrument's folder behind.
        lake.addOneDayTicker(TYPE, dates.get(dates.size() - 1), "AAPL", "AAAAA");
        GoldBuilder builder = new GoldBuilder(lake.layout, GoldOptions.defaults());
        builder.build(TYPE, Optional.empty(), Optional.of(lastButOne), false, ProgressListener.NONE);
        Path tree = lake.layout.qlibRoot(TYPE);
        Map<String, byte[]> previous = TreeBytes.snapshot(tree);

        QuantminiException killed = assertThrows(QuantminiException.class,
                () -> failing(lake, 101).build(TYPE, Optional.empty(), Optional.empty(), false, ProgressListener.NONE));
        assertTrue(killed.getMessage().contains("injected failure"), killed.getMessage());
        assertTrue(Files.exists(tree.resolve(".quantmini/journal.tsv")), "the journal is left behind");
        assertTrue(Files.isDirectory(tree.resolve("features/aaaaa")), "the new instrument was written before the kill");
        for (String index : List.of("calendars/day.txt", "instruments/all.txt", "instruments/ticker_map.tsv", ".quantmini/state.tsv")) {
            assertTrue(java.util.Arrays.equals(previous.get(index), Files.readAllBytes(tree.resolve(index))), index + " is the old one");
        }
        // A torn value, as a kill inside a write would leave it.
        Path torn = tree.resolve("features/aapl/close.day.bin");
        Files.write(torn, new byte[] {1, 2, 3}, StandardOpenOption.APPEND);

        GoldBuildSummary rerun = builder.build(TYPE, Optional.empty(), Optional.empty(), false, ProgressListener.NONE);
        assertEquals(GoldBuildSummary.Mode.APPEND, rerun.mode(), rerun.describe());
        assertTrue(Files.notExists(tree.resolve(".quantmini/journal.tsv")));
        Map<String, byte[]> repaired = TreeBytes.snapshot(tree);
        builder.build(TYPE, Optional.empty(), Optional.empty(), true, ProgressListener.NONE);
        GoldDailyBuildTest.assertSameTree(TreeBytes.snapshot(tree), repaired);
    }

    @Test
    void aKilledFullBuildLeavesThePreviousTreeAndTheRerunTheNewOne() throws Exception {
        TestLake lake = new TestLake(temp);
        List<LocalDate> dates = lake.addBronze(TYPE, LocalDate.of(2024, 7, 1), LocalDate.of(2024, 7, 12));
        GoldBuilder builder = new GoldBuilder(lake.layout, GoldOptions.defaults());
        builder.build(TYPE, Optional.empty(), Optional.of(dates.get(4)), false, ProgressListener.NONE);
        Path tree = lake.layout.qlibRoot(TYPE);
        Map<String, byte[]> previous = TreeBytes.snapshot(tree);

        assertThrows(QuantminiException.class,
                () -> failing(lake, 150).build(TYPE, Optional.empty(), Optional.empty(), true, ProgressListener.NONE));
        GoldDailyBuildTest.assertSameTree(previous, TreeBytes.snapshot(tree));

        GoldBuildSummary rerun = builder.build(TYPE, Optional.empty(), Optional.empty(), true, ProgressListener.NONE);
        assertEquals(dates.size(), rerun.calendarDates());
        assertTrue(Files.notExists(tree.resolveSibling(".stocks_daily.staging")), "the staging tree is gone");
        Map<String, byte[]> rebuilt = TreeBytes.snapshot(tree);
        FileTrees.deleteRecursively(tree);
        builder.build(TYPE, Optional.empty(), Optional.empty(), false, ProgressListener.NONE);
        GoldDailyBuildTest.assertSameTree(TreeBytes.snapshot(tree), rebuilt);
    }

    @Test
    void aSwapKilledBetweenItsTwoRenamesIsFinishedOrUndone() throws Exception {
        Path live = temp.resolve("gold/qlib/stocks_daily");
        TreeSwap swap = new TreeSwap(live);
        Path oldFile = write(live.resolve(".quantmini/state.tsv"), "old");
        Path staging = swap.prepareStaging();
        write(staging.resolve(".quantmini/state.tsv"), "new");
        Files.move(live, live.resolveSibling(".stocks_daily.old"));
        swap.recover();
        assertEquals("new", Files.readString(live.resolve(".quantmini/state.tsv")), "a complete staging tree is swapped in");
        assertTrue(Files.notExists(live.resolveSibling(".stocks_daily.old")));

        Path incomplete = swap.prepareStaging();
        write(incomplete.resolve("calendars/day.txt"), "half");
        Files.move(live, live.resolveSibling(".stocks_daily.old"));
        swap.recover();
        assertEquals("new", Files.readString(live.resolve(".quantmini/state.tsv")), "an incomplete staging tree is dropped");
        assertTrue(Files.notExists(incomplete));
        assertTrue(oldFile.toString().endsWith("state.tsv"));
    }

    private static Path write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }
}
