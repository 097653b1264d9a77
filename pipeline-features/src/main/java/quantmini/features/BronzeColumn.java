package quantmini.features;

import static java.util.Objects.requireNonNull;

import java.util.List;
import quantmini.core.DataType;

/**
 * A bronze column as DESIGN.md §3 fixes it. Silver reads bronze by these names (never by
 * position) and writes them first, unchanged.
 */
public record BronzeColumn(String name, String sqlType) {
    private static final List<BronzeColumn> STOCKS = List.of(
            new BronzeColumn("ticker", "VARCHAR"),
            new BronzeColumn("volume", "BIGINT"),
            new BronzeColumn("open", "DOUBLE"),
            new BronzeColumn("high", "DOUBLE"),
            new BronzeColumn("low", "DOUBLE"),
            new BronzeColumn("close", "DOUBLE"),
            new BronzeColumn("window_start", "TIMESTAMPTZ"),
            new BronzeColumn("transactions", "BIGINT"),
            new BronzeColumn("date", "DATE"));

    private static final List<BronzeColumn> OPTIONS = List.of(
            new BronzeColumn("underlying", "VARCHAR"),
            new BronzeColumn("expiration", "DATE"),
            new BronzeColumn("option_type", "VARCHAR"),
            new BronzeColumn("strike", "DOUBLE"));

    public BronzeColumn {
        requireNonNull(name, "name is null");
        requireNonNull(sqlType, "sqlType is null");
    }

    /** The bronze columns of {@code type}, in bronze order. */
    public static List<BronzeColumn> of(DataType type) {
        if (!type.isOptions()) {
            return STOCKS;
        }
        List<BronzeColumn> columns = new java.util.ArrayList<>(STOCKS);
        columns.addAll(OPTIONS);
        return List.copyOf(columns);
    }
}
