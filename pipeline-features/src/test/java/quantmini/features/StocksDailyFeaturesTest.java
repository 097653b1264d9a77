package quantmini.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quantmini.core.DataType;
import quantmini.core.progress.ProgressListener;

/** Every stocks_daily feature against the same quantity computed here in plain Java from the flat files. */
class StocksDailyFeaturesTest {
    @TempDir
    static Path temp;

    static TestLake lake;
    static SilverBuildSummary summary;
    static Map<String, Map<String, Object>> silver;
    static Map<String, List<TestLake.Bar>> history;
    static final RecordingListener progress = new RecordingListener();

    /** Counts what the builder reports. */
    static final class RecordingListener implements ProgressListener {
        long total = -1;
        long rows;
        int succeeded;
        int failed;
        boolean finished;

        @Override
        public synchronized void started(String task, long totalUnits, long totalBytes) {
            total = totalUnits;
        }

        @Override
        public synchronized void rowsDone(long count) {
            rows += count;
        }

        @Override
        public synchronized void unitDone(String unit, boolean ok) {
            if (ok) {
                succeeded++;
            } else {
                failed++;
            }
        }

        @Override
        public synchronized void finished() {
            finished = true;
        }
    }

    @BeforeAll
    static void build() throws Exception {
        lake = TestLake.generate(temp);
        SilverBuilder builder = new SilverBuilder(lake.layout, StandardFeatures.registry(), TestLake.LIMITS, SilverOptions.defaults());
        summary = builder.build(DataType.STOCKS_DAILY, TestLake.DAYS.get(0), TestLake.LAST, true, progress);
        silver = TestLake.readSilver(lake.layout, DataType.STOCKS_DAILY, "ticker", "date");
        history = lake.history(DataType.STOCKS_DAILY, TestLake.DAYS);
    }

    @Test
    void writesOneSortedFilePerDateWithEveryBronzeRow() throws Exception {
        assertTrue(summary.succeeded(), summary.failures().toString());
        assertEquals(TestLake.DAYS, summary.datesWritten());
        long bronzeRows = history.values().stream().mapToLong(List::size).sum();
        assertEquals(bronzeRows, summary.rows());
        assertEquals(bronzeRows, silver.size());
        assertEquals(60, progress.total);
        assertEquals(60, progress.succeeded);
        assertEquals(0, progress.failed);
        assertEquals(bronzeRows, progress.rows);
        assertTrue(progress.finished);
        try (Stream<Path> files = Files.walk(lake.layout.silverRoot(DataType.STOCKS_DAILY))) {
            assertEquals(TestLake.DAYS.stream().map(d -> lake.layout.silverFile(DataType.STOCKS_DAILY, d)).toList(),
                    files.filter(Files::isRegularFile).sorted().toList(), "one file per date and nothing else (no temporary files)");
        }
        for (LocalDate date : TestLake.DAYS) {
            Path file = lake.layout.silverFile(DataType.STOCKS_DAILY, date);
            assertTrue(Files.isRegularFile(file), file.toString());
            List<String> tickers = new ArrayList<>();
            TestLake.query("SELECT ticker FROM '" + file + "'", row -> tickers.add((String) row.get("ticker")));
            List<String> sorted = new ArrayList<>(tickers);
            sorted.sort(null);
            assertEquals(sorted, tickers, "rows of " + date + " sorted by ticker");
        }
    }

    @Test
    void theFixtureHasGapsListingsAndDelistings() {
        int listings = 0;
        int delistings = 0;
        int gaps = 0;
        for (List<TestLake.Bar> bars : history.values()) {
            listings += bars.get(0).date().isAfter(TestLake.DAYS.get(0)) ? 1 : 0;
            delistings += bars.get(bars.size() - 1).date().isBefore(TestLake.LAST) ? 1 : 0;
            for (int i = 1; i < bars.size(); i++) {
                gaps += TestLake.DAYS.indexOf(bars.get(i).date()) - TestLake.DAYS.indexOf(bars.get(i - 1).date()) > 1 ? 1 : 0;
            }
        }
        assertTrue(listings > 0 && delistings > 0 && gaps > 0, listings + " listings, " + delistings + " delistings, " + gaps + " gaps");
    }

    @Test
    void rollingFeaturesFollowEachSymbolsOwnRows() {
        int checked = 0;
        for (List<TestLake.Bar> bars : history.values()) {
            for (int i = 0; i < bars.size(); i++) {
                TestLake.Bar bar = bars.get(i);
                Map<String, Object> row = silver.get(bar.ticker() + "|" + bar.date());
                String at = bar.ticker() + " " + bar.date() + " ";
                TestLake.Bar previous = i > 0 ? bars.get(i - 1) : null;
                Approx.check(previous == null ? null : bar.close() / previous.close() - 1, row.get("return_1d"), at + "return_1d");
                Approx.check(previous == null ? null : Math.log(bar.close() / previous.close()), row.get("log_return_1d"),
                        at + "log_return_1d");
                Approx.check(i < 5 ? null : bar.close() / bars.get(i - 5).close() - 1, row.get("return_5d"), at + "return_5d");
                Approx.check(i < 20 ? null : bar.close() / bars.get(i - 20).close() - 1, row.get("return_20d"), at + "return_20d");
                Approx.check(previous == null ? null : bar.open() / previous.close() - 1, row.get("gap"), at + "gap");
                Approx.check((bar.high() - bar.low()) / bar.close(), row.get("range_pct"), at + "range_pct");
                Approx.check(volatility(bars, i), row.get("volatility_20d"), at + "volatility_20d");
                Approx.check(volumeRatio(bars, i), row.get("volume_ratio_20d"), at + "volume_ratio_20d");
                Approx.check(bar.close() * bar.volume(), row.get("dollar_volume"), at + "dollar_volume");
                checked++;
            }
        }
        assertEquals(silver.size(), checked);
    }

    @Test
    void aSymbolsFirstRowNeverSeesAnotherSymbol() {
        for (List<TestLake.Bar> bars : history.values()) {
            Map<String, Object> first = silver.get(bars.get(0).ticker() + "|" + bars.get(0).date());
            for (String feature : List.of("return_1d", "log_return_1d", "gap", "return_5d", "return_20d", "volatility_20d",
                    "volume_ratio_20d", "alpha_daily")) {
                assertNull(first.get(feature), bars.get(0).ticker() + " first row " + feature);
            }
        }
    }

    @Test
    void vwapUsesTheDaysMinuteBarsWhereBronzeHasThem() {
        Map<String, double[]> minute = new HashMap<>();
        for (LocalDate date : TestLake.MINUTE_DAYS) {
            for (TestLake.Bar bar : lake.bars(DataType.STOCKS_MINUTE, date)) {
                double[] sums = minute.computeIfAbsent(bar.ticker() + "|" + date, k -> new double[2]);
                sums[0] += bar.volume() * (bar.high() + bar.low() + bar.close()) / 3;
                sums[1] += bar.volume();
            }
        }
        int fromMinutes = 0;
        for (List<TestLake.Bar> bars : history.values()) {
            for (TestLake.Bar bar : bars) {
                double[] sums = minute.get(bar.ticker() + "|" + bar.date());
                double expected = sums != null ? sums[0] / sums[1] : (bar.high() + bar.low() + bar.close()) / 3;
                fromMinutes += sums != null ? 1 : 0;
                Approx.check(expected, silver.get(bar.ticker() + "|" + bar.date()).get("vwap"), bar.ticker() + " " + bar.date() + " vwap");
            }
        }
        assertTrue(fromMinutes > 50, "minute VWAPs checked: " + fromMinutes);
    }

    @Test
    void alphaIsTheCrossSectionalZScoreOfTrendOverVolatility() {
        Map<LocalDate, Map<String, Double>> scores = new HashMap<>();
        for (List<TestLake.Bar> bars : history.values()) {
            for (int i = 20; i < bars.size(); i++) {
                double r20 = bars.get(i).close() / bars.get(i - 20).close() - 1;
                scores.computeIfAbsent(bars.get(i).date(), d -> new HashMap<>()).put(bars.get(i).ticker(), r20 / volatility(bars, i));
            }
        }
        int nonNull = 0;
        for (Map.Entry<String, Map<String, Object>> entry : silver.entrySet()) {
            LocalDate date = (LocalDate) entry.getValue().get("date");
            Map<String, Double> ofDate = scores.getOrDefault(date, Map.of());
            Double score = ofDate.get((String) entry.getValue().get("ticker"));
            Double expected = null;
            if (score != null && ofDate.size() >= 2) {
                double mean = ofDate.values().stream().mapToDouble(Double::doubleValue).average().orElseThrow();
                double ss = ofDate.values().stream().mapToDouble(s -> (s - mean) * (s - mean)).sum();
                expected = (score - mean) / Math.sqrt(ss / (ofDate.size() - 1));
                nonNull++;
            }
            Approx.check(expected, entry.getValue().get("alpha_daily"), entry.getKey() + " alpha_daily");
        }
        assertTrue(nonNull > 500, "alpha values checked: " + nonNull);
    }

    @Test
    void enabledFeaturesBringTheirInputsAndKeepTheirValues() throws Exception {
        var layout = lake.copyBronzeTo(temp.resolve("subset"));
        SilverBuilder builder = new SilverBuilder(layout, StandardFeatures.registry(), TestLake.LIMITS,
                SilverOptions.defaults().withEnabledFeatures(List.of("alpha_daily", "range_pct")));
        SilverBuildSummary subset = builder.build(DataType.STOCKS_DAILY, TestLake.DAYS.get(55), TestLake.LAST, false,
                ProgressListener.NONE);
        assertEquals(TestLake.DAYS.subList(55, 60), subset.datesWritten());
        List<String> columns = new ArrayList<>();
        TestLake.query("DESCRIBE SELECT * FROM read_parquet('" + layout.silverFile(DataType.STOCKS_DAILY, TestLake.LAST)
                + "', hive_partitioning = false)",
                row -> columns.add((String) row.get("column_name")));
        assertEquals(List.of("ticker", "volume", "open", "high", "low", "close", "window_start", "transactions", "date",
                "log_return_1d", "return_20d", "range_pct", "volatility_20d", "alpha_daily"), columns);
        Map<String, Map<String, Object>> rows = TestLake.readSilver(layout, DataType.STOCKS_DAILY, "ticker", "date");
        for (Map.Entry<String, Map<String, Object>> row : rows.entrySet()) {
            for (String column : columns) {
                assertEquals(silver.get(row.getKey()).get(column), row.getValue().get(column), row.getKey() + " " + column);
            }
        }
    }

    /** Sample stdev of the 20 log returns ending at row i, annualised; null before 20 exist. */
    static Double volatility(List<TestLake.Bar> bars, int i) {
        if (i < 20) {
            return null;
        }
        double[] r = new double[20];
        for (int k = 0; k < 20; k++) {
            int j = i - 19 + k;
            r[k] = Math.log(bars.get(j).close() / bars.get(j - 1).close());
        }
        double mean = 0;
        for (double x : r) {
            mean += x / 20;
        }
        double ss = 0;
        for (double x : r) {
            ss += (x - mean) * (x - mean);
        }
        return Math.sqrt(ss / 19) * Math.sqrt(252);
    }

    private static Double volumeRatio(List<TestLake.Bar> bars, int i) {
        if (i < 20) {
            return null;
        }
        double sum = 0;
        for (int j = i - 20; j < i; j++) {
            sum += bars.get(j).volume();
        }
        return bars.get(i).volume() / (sum / 20);
    }
}
