package quantmini.core;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A kind of Polygon flat file. The name is what users type ({@code stocks_daily}) and what the
 * lake's folders are called; the prefix is where the vendor keeps its files in the bucket
 * (DESIGN.md §1). Trades and quotes exist in the bucket and will join this list.
 */
public enum DataType {
    STOCKS_DAILY("stocks_daily", "us_stocks_sip/day_aggs_v1", AssetClass.STOCKS, BarInterval.DAY),
    STOCKS_MINUTE("stocks_minute", "us_stocks_sip/minute_aggs_v1", AssetClass.STOCKS, BarInterval.MINUTE),
    OPTIONS_DAILY("options_daily", "us_options_opra/day_aggs_v1", AssetClass.OPTIONS, BarInterval.DAY),
    OPTIONS_MINUTE("options_minute", "us_options_opra/minute_aggs_v1", AssetClass.OPTIONS, BarInterval.MINUTE);

    /** Whose instruments a flat file holds. */
    public enum AssetClass {
        STOCKS, OPTIONS;

        /** The folder name under {@code metadata/}. */
        public String folderName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The length of one aggregate bar. */
    public enum BarInterval { DAY, MINUTE }

    private final String id;
    private final String flatFilePrefix;
    private final AssetClass assetClass;
    private final BarInterval interval;

    DataType(String id, String flatFilePrefix, AssetClass assetClass, BarInterval interval) {
        this.id = id;
        this.flatFilePrefix = flatFilePrefix;
        this.assetClass = assetClass;
        this.interval = interval;
    }

    /** The name users type and the lake's folders use, e.g. {@code stocks_daily}. */
    public String id() {
        return id;
    }

    /** The bucket prefix of this type's files, without a trailing slash. */
    public String flatFilePrefix() {
        return flatFilePrefix;
    }

    public AssetClass assetClass() {
        return assetClass;
    }

    public BarInterval interval() {
        return interval;
    }

    public boolean isOptions() {
        return assetClass == AssetClass.OPTIONS;
    }

    /**
     * Parses a user-typed name. Accepts the exact id only, so that a typo never silently
     * selects nothing.
     */
    public static DataType fromId(String id) {
        for (DataType type : values()) {
            if (type.id.equals(id)) {
                return type;
            }
        }
        throw new IllegalArgumentException(String.format(
                "unknown data type '%s' (expected one of %s)", id, allIds()));
    }

    /** Parses a comma-separated list such as {@code stocks_daily,options_minute}. */
    public static List<DataType> parseList(String commaSeparated) {
        Preconditions.checkArgument(commaSeparated != null && !commaSeparated.isBlank(),
                "data type list is empty (expected some of %s)", allIds());
        return Arrays.stream(commaSeparated.split(","))
                .map(String::trim)
                .map(DataType::fromId)
                .distinct()
                .collect(Collectors.toUnmodifiableList());
    }

    public static String allIds() {
        return Arrays.stream(values()).map(DataType::id).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return id;
    }
}
