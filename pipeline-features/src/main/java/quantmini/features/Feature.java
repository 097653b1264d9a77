package quantmini.features;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import quantmini.core.DataType;
import quantmini.core.Preconditions;

/**
 * One silver feature: a named SQL expression over a data type's bronze columns, its helper
 * columns ({@link Lookup}) and the features it lists as inputs.
 *
 * @param name the silver column name
 * @param dataTypes the data types whose silver files carry it
 * @param type the column type; the engine casts the formula to it
 * @param formula a DuckDB expression; may use the named windows of the data type's
 *     {@link SilverDataset} (e.g. {@code lag(close) OVER symbol_history})
 * @param lookbackTradingDays how many earlier rows of the same symbol (the trading days it
 *     traded) the value needs, inputs included; 0 when the row itself, its day, or its date's
 *     cross-section suffice
 * @param inputs the features and helper columns the formula reads (bronze columns are always
 *     there and are not listed); the engine computes inputs first
 * @param description what it means, with units
 */
public record Feature(
        String name,
        Set<DataType> dataTypes,
        SqlType type,
        String formula,
        int lookbackTradingDays,
        List<String> inputs,
        String description) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

    public Feature {
        requireNonNull(name, "name is null");
        Preconditions.checkArgument(NAME.matcher(name).matches(), "feature name must be lower_snake_case: '%s'", name);
        dataTypes = Set.copyOf(requireNonNull(dataTypes, "dataTypes is null"));
        Preconditions.checkArgument(!dataTypes.isEmpty(), "feature %s applies to no data type", name);
        requireNonNull(type, "type is null");
        requireNonNull(formula, "formula is null");
        Preconditions.checkArgument(!formula.isBlank(), "feature %s has an empty formula", name);
        Preconditions.checkArgument(lookbackTradingDays >= 0, "feature %s: lookback must not be negative: %s", name,
                lookbackTradingDays);
        inputs = List.copyOf(requireNonNull(inputs, "inputs is null"));
        Preconditions.checkArgument(!inputs.contains(name), "feature %s lists itself as an input", name);
        requireNonNull(description, "description is null");
    }

    public boolean appliesTo(DataType dataType) {
        return dataTypes.contains(dataType);
    }
}
