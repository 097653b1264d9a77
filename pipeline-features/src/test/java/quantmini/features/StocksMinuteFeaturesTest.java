package quantmini.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quantmini.core.DataType;
import quantmini.core.calendar.UsEquityCalendar;
import quantmini.core.progress.ProgressListener;

/** stocks_minute features against plain-Java values, on a full day and the half day after Thanksgiving. */
class StocksMinuteFeaturesTest {
    @TempDir
    static Path temp;

    static TestLake lake;
    static SilverBuildSummary summary;
    static Map<String, Map<String, Object>> silver;

    @BeforeAll
    static void build() throws Exception {
        lake = TestLake.generate(temp);
        SilverBuilder builder = new SilverBuilder(lake.layout, StandardFeatures.registry(), TestLake.LIMITS, SilverOptions.defaults());
        summary = builder.build(DataType.STOCKS_MINUTE, TestLake.DAYS.get(0), TestLake.LAST, false, ProgressListener.NONE);
        silver = TestLake.readSilver(lake.layout, DataType.STOCKS_MINUTE, "ticker", "window_start_us");
    }

    @Test
    void everyMinuteFeatureMatchesAndResetsEachDay() {
        assertTrue(summary.succeeded(), summary.failures().toString());
        assertEquals(TestLake.MINUTE_DAYS, summary.datesWritten());
        Map<String, Integer> sessions = new HashMap<>();
        long checked = 0;
        for (LocalDate date : TestLake.MINUTE_DAYS) {
            int close = UsEquityCalendar.isEarlyClose(date) ? 210 : 390;
            Map<String, List<TestLake.Bar>> byTicker = lake.history(DataType.STOCKS_MINUTE, List.of(date));
            for (List<TestLake.Bar> bars : byTicker.values()) {
                double weighted = 0;
                double volume = 0;
                for (int i = 0; i < bars.size(); i++) {
                    TestLake.Bar bar = bars.get(i);
                    Map<String, Object> row = silver.get(bar.ticker() + "|" + bar.windowStartNanos() / 1000);
                    String at = bar.ticker() + " " + Instant.ofEpochSecond(0, bar.windowStartNanos()) + " ";
                    TestLake.Bar previous = i > 0 ? bars.get(i - 1) : null;
                    Approx.check(previous == null ? null : bar.close() / previous.close() - 1, row.get("return_1m"), at + "return_1m");
                    Approx.check(previous == null ? null : Math.log(bar.close() / previous.close()), row.get("log_return_1m"),
                            at + "log_return_1m");
                    weighted += bar.volume() * (bar.high() + bar.low() + bar.close()) / 3;
                    volume += bar.volume();
                    Approx.check(weighted / volume, row.get("vwap_cum"), at + "vwap_cum");
                    LocalDateTime local = LocalDateTime.ofInstant(Instant.ofEpochSecond(0, bar.windowStartNanos()), UsEquityCalendar.NEW_YORK);
                    long minute = Duration.between(date.atTime(LocalTime.of(9, 30)), local).toMinutes();
                    assertEquals(minute, ((Number) row.get("minute_of_day")).longValue(), at + "minute_of_day");
                    String session = minute < 0 ? "pre" : minute < close ? "regular" : "post";
                    assertEquals(session, row.get("session"), at + "session");
                    sessions.merge(date + " " + session + (minute >= 210 && minute < 390 ? " 13-16h" : ""), 1, Integer::sum);
                    checked++;
                }
            }
        }
        assertEquals(silver.size(), checked, "every silver row checked");
        assertEquals(summary.rows(), checked);
        // the half day's 13:00-16:00 bars are post-market, the full day's are regular
        assertTrue(sessions.getOrDefault(TestLake.LAST + " post 13-16h", 0) > 0, sessions.toString());
        assertTrue(sessions.getOrDefault(TestLake.MINUTE_DAYS.get(0) + " regular 13-16h", 0) > 0, sessions.toString());
        assertTrue(sessions.getOrDefault(TestLake.MINUTE_DAYS.get(0) + " pre", 0) > 0, sessions.toString());
    }

    /** A bronze writer that stores window_start without the UTC flag is read as UTC all the same. */
    @Test
    void aPlainTimestampInBronzeIsReadAsUtc() throws Exception {
        var layout = lake.copyBronzeTo(temp.resolve("naive"));
        LocalDate date = TestLake.MINUTE_DAYS.get(0);
        Path file = layout.bronzeFile(DataType.STOCKS_MINUTE, date);
        Path naive = file.resolveSibling("naive.tmp");
        TestLake.query("COPY (SELECT * REPLACE (CAST(window_start AS TIMESTAMP) AS window_start) FROM read_parquet('" + file
                + "', hive_partitioning = false)) TO '" + naive + "' (FORMAT parquet)", row -> { });
        java.nio.file.Files.move(naive, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        TestLake.query("DESCRIBE SELECT window_start FROM read_parquet('" + file + "', hive_partitioning = false)",
                row -> assertEquals("TIMESTAMP", row.get("column_type")));
        SilverBuildSummary naiveSummary = new SilverBuilder(layout, StandardFeatures.registry(), TestLake.LIMITS,
                SilverOptions.defaults()).build(DataType.STOCKS_MINUTE, date, date, true, ProgressListener.NONE);
        assertTrue(naiveSummary.succeeded(), naiveSummary.failures().toString());
        String a = "read_parquet('" + lake.layout.silverFile(DataType.STOCKS_MINUTE, date) + "', hive_partitioning = false)";
        String b = "read_parquet('" + layout.silverFile(DataType.STOCKS_MINUTE, date) + "', hive_partitioning = false)";
        assertEquals(0, TestLake.count("SELECT count(*) FROM (SELECT * FROM " + a + " EXCEPT ALL SELECT * FROM " + b + ")"));
        assertEquals(0, TestLake.count("SELECT count(*) FROM (SELECT * FROM " + b + " EXCEPT ALL SELECT * FROM " + a + ")"));
    }
}
