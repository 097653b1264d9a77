package quantmini.qlib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quantmini.core.DataType;
import quantmini.core.QuantminiException;
import quantmini.core.config.ConfigKeys;
import quantmini.core.config.MinuteSession;
import quantmini.core.config.PipelineConfig;
import quantmini.core.progress.ProgressListener;
import quantmini.storage.LakeLayout;

class ParquetGoldInputTest {
    private static final DataType TYPE = DataType.STOCKS_DAILY;

    @TempDir
    Path temp;

    @Test
    void aCompactedMonthReadsLikeItsDays() throws Exception {
        TestLake lake = new TestLake(temp);
        List<LocalDate> dates = lake.addBronze(TYPE, LocalDate.of(2024, 10, 1), LocalDate.of(2024, 10, 8));
        GoldBuilder builder = new GoldBuilder(lake.layout, GoldOptions.defaults());
        builder.build(TYPE, Optional.empty(), Optional.empty(), false, ProgressListener.NONE);
        Path tree = lake.layout.qlibRoot(TYPE);
        Map<String, byte[]> fromDays = TreeBytes.snapshot(tree);

        Path month = LakeLayout.compactedMonthFile(lake.layout.bronzeRoot(TYPE), dates.get(0));
        TestLake.sql("COPY (SELECT * FROM read_parquet('" + month.getParent() + "/*.parquet') ORDER BY date, ticker) TO '"
                + month.resolveSibling("month.tmp") + "' (FORMAT parquet)");
        ParquetGoldInput input = new ParquetGoldInput(lake.layout.bronzeRoot(TYPE), "bronze");
        Files.move(month.resolveSibling("month.tmp"), month);
        QuantminiException clash = assertThrows(QuantminiException.class, input::days, "a date in a day file and in month.parquet");
        assertTrue(clash.getMessage().contains("twice"), clash.getMessage());
        for (LocalDate date : dates) {
            Files.delete(lake.layout.bronzeFile(TYPE, date));
        }
        List<LocalDate> listed = new ArrayList<>();
        for (InputDay day : input.days()) {
            listed.add(day.date());
            assertEquals("year=2024/month=10/month.parquet", day.relativePath());
        }
        assertEquals(dates, listed);

        GoldBuildSummary update = builder.build(TYPE, Optional.empty(), Optional.empty(), false, ProgressListener.NONE);
        assertEquals(GoldBuildSummary.Mode.REBUILD, update.mode(), "compaction changes the files: the tree is rebuilt");
        Map<String, byte[]> fromMonth = TreeBytes.snapshot(tree);
        fromDays.remove(".quantmini/state.tsv");
        fromMonth.remove(".quantmini/state.tsv");
        GoldDailyBuildTest.assertSameTree(fromDays, fromMonth);
    }

    @Test
    void optionsFollowTheConfiguration() {
        PipelineConfig config = PipelineConfig.defaults()
                .with(ConfigKeys.QLIB_MINUTE_SESSION, MinuteSession.EXTENDED, "test")
                .with(ConfigKeys.QLIB_FIELDS_EXCLUDE, List.of("factor"), "test");
        GoldOptions options = GoldOptions.fromConfig(config);
        assertEquals(MinuteSession.EXTENDED, options.minuteSession());
        assertEquals(SourceLayer.AUTO, options.sourceLayer());
        assertEquals(List.of("open", "high", "low", "close", "volume", "vwap", "change"),
                options.fields().resolve(List.of("open", "high", "low", "close", "volume")));
        assertEquals(MinuteSession.REGULAR, GoldOptions.fromConfig(PipelineConfig.defaults()).minuteSession());
    }
}
