package quantmini.features;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Builds the one SELECT that turns a data type's bronze rows into silver rows, from the registry:
 * bronze columns plus helper columns, then one projection per layer of features (a feature's
 * inputs are computed in an earlier layer), then bronze columns and features in definition order.
 */
final class FeatureSql {
    private FeatureSql() {}

    /**
     * @param inputTable a table or view with the dataset's bronze columns (the rows to compute
     *     on: the output dates and their lookback)
     */
    static String select(FeatureRegistry registry, SilverDataset dataset, List<Feature> selected, String inputTable,
            LookupContext lookups) {
        requireNonNull(inputTable, "inputTable is null");
        List<String> bronze = dataset.bronzeColumnNames();
        StringBuilder sql = new StringBuilder("WITH joined AS (SELECT ");
        List<String> joinedColumns = new ArrayList<>();
        bronze.forEach(c -> joinedColumns.add("b." + c));
        joinedColumns.addAll(dataset.helperColumns());
        sql.append(String.join(", ", joinedColumns)).append(" FROM ").append(inputTable).append(" b");
        for (Lookup lookup : dataset.lookups()) {
            sql.append(' ').append(lookup.joinClause().apply(lookups));
        }
        sql.append(')');

        String previous = "joined";
        List<List<Feature>> layers = registry.layers(dataset.type(), selected);
        for (int i = 0; i < layers.size(); i++) {
            String name = "layer" + i;
            String projections = layers.get(i).stream()
                    .map(f -> "CAST((" + f.formula() + ") AS " + f.type().sqlName() + ") AS " + f.name())
                    .collect(Collectors.joining(", "));
            sql.append(", ").append(name).append(" AS (SELECT *, ").append(projections).append(" FROM ").append(previous)
                    .append(windowClause(dataset.windows())).append(')');
            previous = name;
        }
        List<String> output = new ArrayList<>(bronze);
        selected.forEach(f -> output.add(f.name()));
        sql.append(" SELECT ").append(String.join(", ", output)).append(" FROM ").append(previous);
        return sql.toString();
    }

    private static String windowClause(Map<String, String> windows) {
        if (windows.isEmpty()) {
            return "";
        }
        return " WINDOW " + windows.entrySet().stream()
                .map(e -> e.getKey() + " AS (" + e.getValue() + ")")
                .collect(Collectors.joining(", "));
    }
}
