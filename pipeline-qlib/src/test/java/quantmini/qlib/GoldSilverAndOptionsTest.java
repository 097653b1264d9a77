package quantmini.qlib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quantmini.core.DataType;
import quantmini.core.QuantminiException;
import quantmini.core.progress.ProgressListener;

/** Silver input (its vwap and feature columns become fields), field lists, and options_daily trees. */
class GoldSilverAndOptionsTest {
    private static final LocalDate FROM = LocalDate.of(2024, 9, 3);
    private static final LocalDate TO = LocalDate.of(2024, 9, 13);

    @TempDir
    Path temp;

    @Test
    void silverFeatureColumnsBecomeFieldsAndVwapComesFromSilver() throws Exception {
        TestLake lake = new TestLake(temp);
        List<LocalDate> dates = lake.addBronze(DataType.STOCKS_DAILY, FROM, TO);
        lake.addSilver(DataType.STOCKS_DAILY, dates.subList(0, dates.size() - 1));
        GoldBuilder builder = new GoldBuilder(lake.layout, GoldOptions.defaults());
        GoldBuildSummary summary = builder.build(DataType.STOCKS_DAILY, Optional.empty(), Optional.empty(), false, ProgressListener.NONE);
        assertEquals(List.of("open", "high", "low", "close", "volume", "vwap", "change", "factor", "intraday_return", "trade_count"),
                summary.fields(), "AUTO reads silver; its numeric feature columns are fields, sorted");
        Path tree = lake.layout.qlibRoot(DataType.STOCKS_DAILY);
        IndependentReader.verify(lake.layout.silverRoot(DataType.STOCKS_DAILY), tree, false, true,
                List.of("intraday_return", "trade_count"));
        assertTrue(new GoldValidator(lake.layout, GoldOptions.defaults()).validate(DataType.STOCKS_DAILY, ProgressListener.NONE).isValid());

        // The features stage catches up: the next update appends the silver day.
        lake.addSilver(DataType.STOCKS_DAILY, dates.subList(dates.size() - 1, dates.size()));
        GoldBuildSummary update = builder.build(DataType.STOCKS_DAILY, Optional.empty(), Optional.empty(), false, ProgressListener.NONE);
        assertEquals(GoldBuildSummary.Mode.APPEND, update.mode(), update.describe());
        Map<String, byte[]> appended = TreeBytes.snapshot(tree);
        builder.build(DataType.STOCKS_DAILY, Optional.empty(), Optional.empty(), true, ProgressListener.NONE);
        GoldDailyBuildTest.assertSameTree(TreeBytes.snapshot(tree), appended);

        // Narrowing the fields rebuilds the tree with fewer files, without new data.
        GoldOptions narrow = GoldOptions.defaults().withFields(new FieldSelection(List.of(), List.of("trade_count", "high")));
        GoldBuildSummary narrowed = new GoldBuilder(lake.layout, narrow)
                .build(DataType.STOCKS_DAILY, Optional.empty(), Optional.empty(), false, ProgressListener.NONE);
        assertEquals(GoldBuildSummary.Mode.REBUILD, narrowed.mode());
        assertFalse(narrowed.fields().contains("high"));
        assertTrue(Files.notExists(tree.resolve("features/spy/trade_count.day.bin")));
        assertTrue(Files.exists(tree.resolve("features/spy/intraday_return.day.bin")));
        assertTrue(new GoldValidator(lake.layout, narrow).validate(DataType.STOCKS_DAILY, ProgressListener.NONE).isValid());
    }

    @Test
    void bronzeOnlyGivesTheTypicalPriceAsVwap() throws Exception {
        TestLake lake = new TestLake(temp);
        List<LocalDate> dates = lake.addBronze(DataType.STOCKS_DAILY, FROM, LocalDate.of(2024, 9, 5));
        lake.addSilver(DataType.STOCKS_DAILY, dates);
        GoldOptions bronze = GoldOptions.defaults().withSourceLayer(SourceLayer.BRONZE);
        GoldBuildSummary summary = new GoldBuilder(lake.layout, bronze)
                .build(DataType.STOCKS_DAILY, Optional.empty(), Optional.empty(), false, ProgressListener.NONE);
        assertEquals(FieldSelection.BASE_FIELDS, summary.fields());
        IndependentReader.verify(lake.layout.bronzeRoot(DataType.STOCKS_DAILY), lake.layout.qlibRoot(DataType.STOCKS_DAILY),
                false, false, List.of());
        GoldBuildSummary silver = new GoldBuilder(lake.layout, GoldOptions.defaults())
                .build(DataType.STOCKS_DAILY, Optional.empty(), Optional.empty(), false, ProgressListener.NONE);
        assertEquals(GoldBuildSummary.Mode.REBUILD, silver.mode(), "switching the input layer rebuilds");
    }

    @Test
    void anIncludeListNamingAMissingFieldIsAnError() throws Exception {
        TestLake lake = new TestLake(temp);
        lake.addBronze(DataType.STOCKS_DAILY, FROM, LocalDate.of(2024, 9, 4));
        GoldOptions typo = GoldOptions.defaults().withFields(new FieldSelection(List.of("close", "clsoe"), List.of()));
        QuantminiException error = assertThrows(QuantminiException.class, () -> new GoldBuilder(lake.layout, typo)
                .build(DataType.STOCKS_DAILY, Optional.empty(), Optional.empty(), false, ProgressListener.NONE));
        assertTrue(error.getMessage().contains("clsoe"), error.getMessage());
        assertEquals(quantmini.core.ExitCode.USAGE_OR_CONFIG, error.exitCode());
    }

    @Test
    void noInputIsAJobFailureNamingTheType() {
        TestLake lake = new TestLake(temp);
        QuantminiException error = assertThrows(QuantminiException.class, () -> new GoldBuilder(lake.layout, GoldOptions.defaults())
                .build(DataType.OPTIONS_DAILY, Optional.empty(), Optional.empty(), false, ProgressListener.NONE));
        assertTrue(error.getMessage().contains("options_daily"), error.getMessage());
    }

    @Test
    void optionsDailyNamesContractsWithoutTheOPrefix() throws Exception {
        TestLake lake = new TestLake(temp);
        List<LocalDate> dates = lake.addBronze(DataType.OPTIONS_DAILY, FROM, LocalDate.of(2024, 9, 5));
        GoldBuilder builder = new GoldBuilder(lake.layout, GoldOptions.defaults());
        builder.build(DataType.OPTIONS_DAILY, Optional.empty(), Optional.of(dates.get(dates.size() - 2)), false, ProgressListener.NONE);
        GoldBuildSummary update = builder.build(DataType.OPTIONS_DAILY, Optional.empty(), Optional.empty(), false, ProgressListener.NONE);
        assertEquals(GoldBuildSummary.Mode.APPEND, update.mode());
        Path tree = lake.layout.qlibRoot(DataType.OPTIONS_DAILY);
        List<String> all = Files.readAllLines(tree.resolve("instruments/all.txt"));
        assertTrue(all.size() > 100, "contracts: " + all.size());
        assertTrue(all.stream().noneMatch(l -> l.startsWith("O:")));
        assertTrue(all.stream().anyMatch(l -> l.startsWith("SPXW")), "SPXW contracts");
        assertTrue(all.stream().anyMatch(l -> l.matches("SPY\\d{6}[CP]\\d{8}\t.*")), "OCC names");
        IndependentReader.Coverage coverage = IndependentReader.verify(lake.layout.bronzeRoot(DataType.OPTIONS_DAILY), tree,
                false, false, List.of());
        assertEquals(all.size(), coverage.tickers());
        Map<String, byte[]> appended = TreeBytes.snapshot(tree);
        builder.build(DataType.OPTIONS_DAILY, Optional.empty(), Optional.empty(), true, ProgressListener.NONE);
        GoldDailyBuildTest.assertSameTree(TreeBytes.snapshot(tree), appended);
        assertTrue(new GoldValidator(lake.layout, GoldOptions.defaults()).validate(DataType.OPTIONS_DAILY, ProgressListener.NONE).isValid());
    }
}
