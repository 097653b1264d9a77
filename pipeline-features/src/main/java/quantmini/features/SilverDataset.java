package quantmini.features;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import quantmini.core.DataType;
import quantmini.core.Preconditions;

/**
 * The shape of one data type's silver computation: its bronze columns, the sort order of its
 * files, the named windows its feature formulas may use, and the helper columns joined in.
 *
 * @param sortOrder the silver (and bronze) row order within a file (DESIGN.md §2)
 * @param windows named window definitions, rendered into a {@code WINDOW} clause
 * @param symbolColumn the column whose rows form one symbol's history (for lookback reads)
 */
public record SilverDataset(
        DataType type,
        List<BronzeColumn> bronzeColumns,
        List<String> sortOrder,
        Map<String, String> windows,
        List<Lookup> lookups,
        String symbolColumn) {

    public SilverDataset {
        requireNonNull(type, "type is null");
        bronzeColumns = List.copyOf(requireNonNull(bronzeColumns, "bronzeColumns is null"));
        sortOrder = List.copyOf(requireNonNull(sortOrder, "sortOrder is null"));
        windows = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(windows, "windows is null")));
        lookups = List.copyOf(requireNonNull(lookups, "lookups is null"));
        requireNonNull(symbolColumn, "symbolColumn is null");
        Preconditions.checkArgument(bronzeColumns.stream().anyMatch(c -> c.name().equals(symbolColumn)),
                "symbol column %s is no bronze column of %s", symbolColumn, type);
    }

    public List<String> bronzeColumnNames() {
        return bronzeColumns.stream().map(BronzeColumn::name).toList();
    }

    public List<String> helperColumns() {
        return lookups.stream().flatMap(l -> l.columns().stream()).toList();
    }
}
