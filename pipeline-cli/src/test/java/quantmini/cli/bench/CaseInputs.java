package quantmini.cli.bench;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import quantmini.core.DataType;
import quantmini.core.calendar.UsEquityCalendar;
import quantmini.fixtures.FixtureSpec;

/** The inputs the cases share (the floor reads what download and bronze read), by this run's sizes. */
final class CaseInputs {
    /** The day of the minute cases, and the last of the daily ones. */
    static final LocalDate DAY = LocalDate.of(2024, 11, 27);
    /** Option chains with realistic(...) chain shapes; the stock universe does not change an option file. */
    private static final int OPTION_UNIVERSE = 5_000;

    private CaseInputs() {}

    /** A bucket of stocks_minute day files under the loopback server's root. */
    static InputSet downloadBucket(BenchContext context) throws Exception {
        Sizes sizes = context.sizes();
        return context.inputs().bucketOfMinuteFiles(bucketName(context, "minute-f" + sizes.downloadFiles() + "-t" + sizes.downloadTickers()),
                sizes.downloadFiles(), sizes.downloadTickers());
    }

    static InputSet stocksMinuteDay(BenchContext context) throws Exception {
        int tickers = context.sizes().minuteTickers();
        return context.inputs().landing("stocks_minute-" + DAY + "-t" + tickers, FixtureSpec.realistic(tickers), DataType.STOCKS_MINUTE, DAY, DAY);
    }

    static InputSet optionsMinuteDay(BenchContext context) throws Exception {
        int underlyings = context.sizes().optionUnderlyings();
        return context.inputs().landing("options_minute-" + DAY + "-u" + underlyings,
                FixtureSpec.realistic(OPTION_UNIVERSE).withOptionUnderlyings(underlyings), DataType.OPTIONS_MINUTE, DAY, DAY);
    }

    static InputSet stocksDailyFiles(BenchContext context) throws Exception {
        Sizes sizes = context.sizes();
        LocalDate first = UsEquityCalendar.minusTradingDays(DAY, sizes.dailyFiles() - 1);
        return context.inputs().landing("stocks_daily-" + sizes.dailyFiles() + "d-t" + sizes.dailyTickers(),
                FixtureSpec.realistic(sizes.dailyTickers()), DataType.STOCKS_DAILY, first, DAY);
    }

    /** Bronze of the daily files and of the stock minute day, in one lake (silver's daily vwap reads the minute bronze). */
    static InputSet bronzeForSilver(BenchContext context) throws Exception {
        Sizes sizes = context.sizes();
        Map<DataType, InputSet> sources = new LinkedHashMap<>();
        sources.put(DataType.STOCKS_DAILY, stocksDailyFiles(context));
        sources.put(DataType.STOCKS_MINUTE, stocksMinuteDay(context));
        return context.inputs().bronze("bronze-" + sizes.dailyFiles() + "d-t" + sizes.dailyTickers() + "-minute-t" + sizes.minuteTickers(),
                sources);
    }

    static InputSet silverForGold(BenchContext context) throws Exception {
        Sizes sizes = context.sizes();
        return context.inputs().silverDaily("silver-s" + sizes.goldSymbols() + "-d" + sizes.goldDays(), sizes.goldSymbols(), sizes.goldDays());
    }

    /** Input names under the S3 root are buckets: lower case, digits and hyphens. */
    static String bucketName(BenchContext context, String bucket) {
        return context.s3Root().getFileName() + "/" + bucket;
    }
}
