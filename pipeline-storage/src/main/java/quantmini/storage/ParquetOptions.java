package quantmini.storage;

import static java.util.Objects.requireNonNull;

import java.util.Set;
import quantmini.core.Preconditions;

/**
 * How {@link ParquetTableWriter} lays a file out.
 *
 * @param rowGroupRows rows per row group: small enough that a reader looking for one ticker in a
 *     file sorted by ticker skips most groups on their statistics
 * @param pageRows rows per page at most, so the page index narrows reads inside a group too
 * @param dictionaryColumns columns written with dictionary encoding; numeric columns gain little
 *     from it and it was the main write cost measured (NOTES-dependencies.md)
 * @param zstdLevel the ZSTD level of every column
 */
public record ParquetOptions(int rowGroupRows, int pageRows, Set<String> dictionaryColumns, int zstdLevel) {
    /** 64 Ki rows: a 2 M-row minute day gets ~30 groups of ~160 tickers each. */
    public static final int BRONZE_ROW_GROUP_ROWS = 65_536;
    public static final int BRONZE_PAGE_ROWS = 8_192;
    public static final int DEFAULT_ZSTD_LEVEL = 3;

    public ParquetOptions {
        Preconditions.checkArgument(rowGroupRows > 0, "rowGroupRows must be positive: %s", rowGroupRows);
        Preconditions.checkArgument(pageRows > 0, "pageRows must be positive: %s", pageRows);
        Preconditions.checkArgument(zstdLevel >= 1 && zstdLevel <= 22, "zstdLevel must be in 1..22: %s", zstdLevel);
        dictionaryColumns = Set.copyOf(requireNonNull(dictionaryColumns, "dictionaryColumns is null"));
    }

    /** Bronze and silver bar files. */
    public static ParquetOptions bars() {
        return new ParquetOptions(BRONZE_ROW_GROUP_ROWS, BRONZE_PAGE_ROWS, Set.of(BronzeSchema.TICKER), DEFAULT_ZSTD_LEVEL);
    }

    /** Small tables (metadata): one group per 64 Ki rows, dictionary where strings repeat. */
    public static ParquetOptions table(Set<String> dictionaryColumns) {
        return new ParquetOptions(BRONZE_ROW_GROUP_ROWS, BRONZE_PAGE_ROWS, dictionaryColumns, DEFAULT_ZSTD_LEVEL);
    }
}
