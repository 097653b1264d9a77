package quantmini.features;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Set;
import java.util.function.Function;
import quantmini.core.DataType;
import quantmini.core.Preconditions;

/**
 * Helper columns joined onto a data type's bronze rows before features are computed (the minute
 * VWAP of a stock day, an option's underlying close, a date's session close). They are inputs of
 * features only and never reach silver.
 *
 * <p>Helper columns are filled on the dates being written, not on the lookback rows before them
 * (reading a month of minute bronze to fill rows that are thrown away would dominate the cost);
 * {@link FeatureRegistry} therefore refuses a feature with a lookback that depends on one.
 *
 * @param columns the helper columns it adds
 * @param sources the data types whose bronze it reads (a newer file there makes silver stale)
 * @param joinClause given the batch, a {@code LEFT JOIN ... ON ...} clause against the bronze
 *     rows aliased {@code b}
 */
public record Lookup(List<String> columns, Set<DataType> sources, Function<LookupContext, String> joinClause) {
    public Lookup {
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
        Preconditions.checkArgument(!columns.isEmpty(), "a lookup must add columns");
        sources = Set.copyOf(requireNonNull(sources, "sources is null"));
        requireNonNull(joinClause, "joinClause is null");
    }
}
