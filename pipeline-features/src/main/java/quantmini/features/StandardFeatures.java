package quantmini.features;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import quantmini.core.DataType;
import quantmini.core.calendar.UsEquityCalendar;
import quantmini.storage.BronzeSchema;

/**
 * The features quantmini computes and the shapes of the four aggregate data types: the one place
 * they are defined. docs/FEATURES.md is generated from here ({@link FeatureDocs}).
 */
public final class StandardFeatures {
    /** A symbol's rows across days, oldest first: "previous" means its previous row. */
    static final String SYMBOL_HISTORY = "symbol_history";
    /** All rows of one trading date: the cross-section. */
    static final String TRADING_DATE = "trading_date";
    /** A symbol's bars of one day, in time order: minute features reset each day. */
    static final String SYMBOL_DAY = "symbol_day";

    private static final Set<DataType> STOCKS_DAILY = Set.of(DataType.STOCKS_DAILY);
    private static final Set<DataType> STOCKS_MINUTE = Set.of(DataType.STOCKS_MINUTE);
    private static final Set<DataType> OPTIONS = Set.of(DataType.OPTIONS_DAILY, DataType.OPTIONS_MINUTE);

    private StandardFeatures() {}

    /** The registry of every standard feature and dataset. */
    public static FeatureRegistry registry() {
        return new FeatureRegistry(datasets(), features());
    }

    static List<SilverDataset> datasets() {
        List<BronzeColumn> stocks = BronzeColumn.of(DataType.STOCKS_DAILY);
        List<BronzeColumn> options = BronzeColumn.of(DataType.OPTIONS_DAILY);
        List<String> stockOrder = BronzeSchema.sortOrder(DataType.STOCKS_DAILY);
        List<String> optionOrder = BronzeSchema.sortOrder(DataType.OPTIONS_DAILY);

        Map<String, String> dailyWindows = new LinkedHashMap<>();
        dailyWindows.put(SYMBOL_HISTORY, "PARTITION BY ticker ORDER BY date");
        // Ordered, with the whole date as frame: the cross-sectional sums then add the rows in the
        // same order whatever else a run read, so incremental and full runs agree to the bit.
        dailyWindows.put(TRADING_DATE, "PARTITION BY date ORDER BY ticker ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING");
        Map<String, String> minuteWindows = Map.of(SYMBOL_DAY, "PARTITION BY ticker, date ORDER BY window_start");

        return List.of(
                new SilverDataset(DataType.STOCKS_DAILY, stocks, stockOrder, dailyWindows, List.of(minuteVwap()), "ticker"),
                new SilverDataset(DataType.STOCKS_MINUTE, stocks, stockOrder, minuteWindows, List.of(sessionClose()), "ticker"),
                new SilverDataset(DataType.OPTIONS_DAILY, options, optionOrder, Map.of(), List.of(underlyingClose()), "ticker"),
                new SilverDataset(DataType.OPTIONS_MINUTE, options, optionOrder, Map.of(), List.of(underlyingClose()), "ticker"));
    }

    /*
     * Windowed aggregates over sliding frames (stddev_samp OVER ... ROWS n PRECEDING) combine
     * partial states in an order that depends on the row's position in its partition, which
     * differs between a full and an incremental run by the last bit. Collecting the frame into a
     * list and aggregating the list adds in frame order, so both runs give identical values.
     */
    static List<Feature> features() {
        List<Feature> all = new ArrayList<>();
        String previousClose = "lag(close) OVER " + SYMBOL_HISTORY;
        all.add(new Feature("return_1d", STOCKS_DAILY, SqlType.DOUBLE,
                "close / nullif(" + previousClose + ", 0) - 1", 1, List.of(),
                "Simple return since the symbol's previous row; a fraction (0.01 = 1 %)."));
        all.add(new Feature("log_return_1d", STOCKS_DAILY, SqlType.DOUBLE,
                "CASE WHEN close > 0 AND " + previousClose + " > 0 THEN ln(close / " + previousClose + ") END", 1, List.of(),
                "Natural log of close / previous row's close; dimensionless."));
        all.add(new Feature("return_5d", STOCKS_DAILY, SqlType.DOUBLE,
                "close / nullif(lag(close, 5) OVER " + SYMBOL_HISTORY + ", 0) - 1", 5, List.of(),
                "Simple return over the symbol's last 5 rows; a fraction."));
        all.add(new Feature("return_20d", STOCKS_DAILY, SqlType.DOUBLE,
                "close / nullif(lag(close, 20) OVER " + SYMBOL_HISTORY + ", 0) - 1", 20, List.of(),
                "Simple return over the symbol's last 20 rows; a fraction."));
        all.add(new Feature("gap", STOCKS_DAILY, SqlType.DOUBLE,
                "open / nullif(" + previousClose + ", 0) - 1", 1, List.of(),
                "Opening gap: open / previous row's close - 1; a fraction."));
        all.add(new Feature("range_pct", STOCKS_DAILY, SqlType.DOUBLE,
                "(high - low) / nullif(close, 0)", 0, List.of(),
                "Day's range relative to the close; a fraction (not multiplied by 100)."));
        String last20Returns = "(" + SYMBOL_HISTORY + " ROWS BETWEEN 19 PRECEDING AND CURRENT ROW)";
        all.add(new Feature("volatility_20d", STOCKS_DAILY, SqlType.DOUBLE,
                "CASE WHEN count(log_return_1d) OVER " + last20Returns + " = 20 THEN list_stddev_samp(list(log_return_1d) OVER "
                        + last20Returns + ") * sqrt(252) END",
                20, List.of("log_return_1d"),
                "Sample standard deviation of the last 20 log_return_1d (this row's included), annualised by sqrt(252); "
                        + "null until 20 returns exist."));
        String previous20 = "(" + SYMBOL_HISTORY + " ROWS BETWEEN 20 PRECEDING AND 1 PRECEDING)";
        all.add(new Feature("volume_ratio_20d", STOCKS_DAILY, SqlType.DOUBLE,
                "CASE WHEN count(volume) OVER " + previous20 + " = 20 THEN volume / nullif(avg(volume) OVER " + previous20
                        + ", 0) END",
                20, List.of(),
                "Volume / mean volume of the symbol's previous 20 rows (this row excluded); a ratio, null until 20 exist."));
        all.add(new Feature("dollar_volume", STOCKS_DAILY, SqlType.DOUBLE,
                "close * volume", 0, List.of(),
                "close * volume; US dollars traded (approximate: the close stands in for every trade's price)."));
        all.add(new Feature("vwap", STOCKS_DAILY, SqlType.DOUBLE,
                "coalesce(minute_vwap, (high + low + close) / 3)", 0, List.of("minute_vwap"),
                "US dollars per share: volume-weighted typical price (high + low + close) / 3 of all the day's minute bars "
                        + "(extended hours included) when stocks_minute bronze holds the day for the ticker, else the day "
                        + "bar's (high + low + close) / 3."));
        String score = "(return_20d / nullif(volatility_20d, 0))";
        all.add(new Feature("alpha_daily", STOCKS_DAILY, SqlType.DOUBLE,
                "(" + score + " - avg(" + score + ") OVER " + TRADING_DATE + ") / nullif(stddev_samp(" + score + ") OVER "
                        + TRADING_DATE + ", 0)",
                20, List.of("return_20d", "volatility_20d"),
                "Cross-sectional z-score on the date of return_20d / volatility_20d over the tickers that have both "
                        + "(20 rows of history); mean and sample standard deviation; dimensionless, null with fewer than 2 such tickers."));

        String previousBar = "lag(close) OVER " + SYMBOL_DAY;
        all.add(new Feature("return_1m", STOCKS_MINUTE, SqlType.DOUBLE,
                "close / nullif(" + previousBar + ", 0) - 1", 0, List.of(),
                "Simple return since the symbol's previous bar of the same day (null on its first bar); a fraction."));
        all.add(new Feature("log_return_1m", STOCKS_MINUTE, SqlType.DOUBLE,
                "CASE WHEN close > 0 AND " + previousBar + " > 0 THEN ln(close / " + previousBar + ") END", 0, List.of(),
                "Natural log of close / previous bar's close of the same day; dimensionless."));
        String sinceFirstBar = "(" + SYMBOL_DAY + " ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)";
        all.add(new Feature("vwap_cum", STOCKS_MINUTE, SqlType.DOUBLE,
                "sum(volume * (high + low + close) / 3) OVER " + sinceFirstBar + " / nullif(sum(volume) OVER " + sinceFirstBar
                        + ", 0)",
                0, List.of(),
                "US dollars per share: volume-weighted typical price of the symbol's bars from the day's first bar "
                        + "through this one."));
        all.add(new Feature("minute_of_day", STOCKS_MINUTE, SqlType.INTEGER,
                "date_diff('minute', CAST(date AS TIMESTAMP) + INTERVAL 570 MINUTE, timezone('America/New_York', window_start))",
                0, List.of(),
                "Minutes from 09:30 New York time of the trading date to the bar's start; negative before the open."));
        all.add(new Feature("session", STOCKS_MINUTE, SqlType.VARCHAR,
                "CASE WHEN minute_of_day < 0 THEN 'pre' WHEN minute_of_day < session_close_minute THEN 'regular' ELSE 'post' END",
                0, List.of("minute_of_day", "session_close_minute"),
                "'pre' before 09:30, 'regular' from 09:30 to the regular close (16:00, 13:00 on half days; exclusive), "
                        + "'post' after."));

        all.add(new Feature("days_to_expiry", OPTIONS, SqlType.INTEGER,
                "date_diff('day', date, expiration)", 0, List.of(),
                "Calendar days from the trading date to expiration (0 on expiration day)."));
        all.add(new Feature("underlying_close", OPTIONS, SqlType.DOUBLE,
                "stock_close", 0, List.of("stock_close"),
                "US dollars: the underlying's close in stocks_daily bronze of the same date (for minute bars too, so it is "
                        + "the day's close, known only after it); null where the underlying has no stock row (SPXW, NANOS)."));
        all.add(new Feature("moneyness", OPTIONS, SqlType.DOUBLE,
                "underlying_close / nullif(strike, 0)", 0, List.of("underlying_close"),
                "underlying_close / strike; dimensionless (> 1: a call is in the money)."));
        all.add(new Feature("log_moneyness", OPTIONS, SqlType.DOUBLE,
                "CASE WHEN underlying_close > 0 AND strike > 0 THEN ln(underlying_close / strike) END", 0,
                List.of("underlying_close"),
                "ln(underlying_close / strike); dimensionless."));
        all.add(new Feature("intrinsic_value", OPTIONS, SqlType.DOUBLE,
                "CASE WHEN underlying_close IS NULL THEN NULL WHEN option_type = 'C' THEN greatest(underlying_close - strike, 0) "
                        + "WHEN option_type = 'P' THEN greatest(strike - underlying_close, 0) END",
                0, List.of("underlying_close"),
                "US dollars per share of the underlying: call max(S - K, 0), put max(K - S, 0) with S = underlying_close, K = strike."));
        all.add(new Feature("time_value", OPTIONS, SqlType.DOUBLE,
                "close - intrinsic_value", 0, List.of("intrinsic_value"),
                "US dollars per share: the option's close minus its intrinsic value (may be negative on stale quotes)."));
        return all;
    }

    /** stocks_daily: the day's volume-weighted typical price from the stocks_minute bronze of the same dates. */
    private static Lookup minuteVwap() {
        return new Lookup(List.of("minute_vwap"), Set.of(DataType.STOCKS_MINUTE), context -> "LEFT JOIN (SELECT ticker, date, "
                + "sum(volume * (high + low + close) / 3) / nullif(sum(volume), 0) AS minute_vwap FROM "
                + context.bronze(DataType.STOCKS_MINUTE) + " GROUP BY ticker, date) mv ON mv.ticker = b.ticker AND mv.date = b.date");
    }

    /** options: the underlying's close from stocks_daily bronze of the same date. */
    private static Lookup underlyingClose() {
        // Bronze holds one row per (ticker, date) (DESIGN.md §3); grouping keeps a broken bronze
        // from multiplying option rows in the join.
        return new Lookup(List.of("stock_close"), Set.of(DataType.STOCKS_DAILY), context -> "LEFT JOIN (SELECT ticker, date, max(close) AS stock_close FROM "
                + context.bronze(DataType.STOCKS_DAILY) + " GROUP BY ticker, date) uc ON uc.ticker = b.underlying AND uc.date = b.date");
    }

    /** stocks_minute: minutes from 09:30 to the date's regular close, from the exchange calendar. */
    private static Lookup sessionClose() {
        return new Lookup(List.of("session_close_minute"), Set.of(), context -> {
            StringBuilder values = new StringBuilder();
            for (LocalDate date : context.dates()) {
                values.append(values.length() == 0 ? "" : ", ")
                        .append("(DATE '").append(date).append("', ").append(sessionCloseMinute(date)).append(')');
            }
            return "LEFT JOIN (VALUES " + values + ") sc(date, session_close_minute) ON sc.date = b.date";
        });
    }

    /** Minutes from 09:30 to the regular close; a date the calendar does not know as trading gets 16:00. */
    static int sessionCloseMinute(LocalDate date) {
        var close = UsEquityCalendar.isTradingDay(date) ? UsEquityCalendar.regularClose(date) : UsEquityCalendar.REGULAR_CLOSE;
        return close.toSecondOfDay() / 60 - UsEquityCalendar.REGULAR_OPEN.toSecondOfDay() / 60;
    }
}
