package quantmini.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quantmini.core.DataType;
import quantmini.core.progress.ProgressListener;
import quantmini.storage.LakeLayout;

/** Options features against plain-Java values; underlyings without stock rows (SPXW, NANOS) get nulls. */
class OptionsFeaturesTest {
    private static final DateTimeFormatter OCC_DATE = DateTimeFormatter.ofPattern("yyMMdd");

    @TempDir
    static Path temp;

    static TestLake lake;

    @BeforeAll
    static void generate() throws Exception {
        lake = TestLake.generate(temp.resolve("source"));
    }

    private static SilverBuilder builder(LakeLayout layout) {
        return new SilverBuilder(layout, StandardFeatures.registry(), TestLake.LIMITS, SilverOptions.defaults());
    }

    @Test
    void optionsDaily() {
        check(DataType.OPTIONS_DAILY, TestLake.OPTION_DAYS);
    }

    @Test
    void optionsMinute() {
        check(DataType.OPTIONS_MINUTE, TestLake.OPTION_MINUTE_DAYS);
    }

    private void check(DataType type, List<LocalDate> days) {
        SilverBuildSummary summary = builder(lake.layout).build(type, days.get(0), TestLake.LAST, true, ProgressListener.NONE);
        assertTrue(summary.succeeded(), summary.failures().toString());
        assertEquals(days, summary.datesWritten());
        Map<String, Map<String, Object>> silver = TestLake.readSilver(lake.layout, type, "ticker", "window_start_us");
        int withUnderlying = 0;
        int withoutUnderlying = 0;
        long checked = 0;
        for (LocalDate date : days) {
            Map<String, Double> stockClose = new HashMap<>();
            lake.bars(DataType.STOCKS_DAILY, date).forEach(b -> stockClose.put(b.ticker(), b.close()));
            for (TestLake.Bar bar : lake.bars(type, date)) {
                String ticker = bar.ticker();
                int n = ticker.length();
                String underlying = ticker.substring(2, n - 15);
                LocalDate expiration = LocalDate.parse(ticker.substring(n - 15, n - 9), OCC_DATE);
                boolean call = ticker.charAt(n - 9) == 'C';
                double strike = Long.parseLong(ticker.substring(n - 8)) / 1000.0;
                Map<String, Object> row = silver.get(ticker + "|" + bar.windowStartNanos() / 1000);
                String at = ticker + " " + date + " ";
                assertEquals(ChronoUnit.DAYS.between(date, expiration), ((Number) row.get("days_to_expiry")).longValue(),
                        at + "days_to_expiry");
                Double s = stockClose.get(underlying);
                Double intrinsic = s == null ? null : Math.max(call ? s - strike : strike - s, 0);
                Approx.check(s, row.get("underlying_close"), at + "underlying_close");
                Approx.check(s == null ? null : s / strike, row.get("moneyness"), at + "moneyness");
                Approx.check(s == null ? null : Math.log(s / strike), row.get("log_moneyness"), at + "log_moneyness");
                Approx.check(intrinsic, row.get("intrinsic_value"), at + "intrinsic_value");
                Approx.check(s == null ? null : bar.close() - intrinsic, row.get("time_value"), at + "time_value");
                withUnderlying += s != null ? 1 : 0;
                withoutUnderlying += s == null ? 1 : 0;
                checked++;
            }
        }
        assertEquals(silver.size(), checked);
        assertTrue(withUnderlying > 0 && withoutUnderlying > 0, withUnderlying + " with and " + withoutUnderlying + " without");
        Path file = lake.layout.silverFile(type, days.get(0));
        List<String> order = new ArrayList<>();
        List<String> sorted = new ArrayList<>();
        TestLake.query("SELECT ticker FROM '" + file + "'", r -> order.add((String) r.get("ticker")));
        TestLake.query("SELECT ticker FROM '" + file + "' ORDER BY underlying, expiration, option_type, strike, window_start",
                r -> sorted.add((String) r.get("ticker")));
        assertEquals(sorted, order, "silver keeps the options sort order");
    }

    @Test
    void aDateThatFailsIsReportedAndTheOthersAreWritten() throws Exception {
        LakeLayout layout = lake.copyBronzeTo(temp.resolve("broken"));
        List<LocalDate> days = TestLake.OPTION_DAYS;
        Files.writeString(layout.bronzeFile(DataType.OPTIONS_DAILY, days.get(1)), "not parquet");
        SilverBuildSummary summary = builder(layout).build(DataType.OPTIONS_DAILY, days.get(0), TestLake.LAST, false,
                ProgressListener.NONE);
        assertEquals(List.of(days.get(0), days.get(2)), summary.datesWritten());
        assertEquals(1, summary.failures().size());
        assertEquals(days.get(1), summary.failures().get(0).date());
        assertFalse(Files.exists(layout.silverFile(DataType.OPTIONS_DAILY, days.get(1))));
        try (var files = Files.list(layout.silverFile(DataType.OPTIONS_DAILY, days.get(1)).getParent())) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith(".")), "no temporary file is left behind");
        }
    }
}
