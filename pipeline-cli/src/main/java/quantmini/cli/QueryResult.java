package quantmini.cli;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import quantmini.core.Preconditions;

/**
 * The answer of one query, as text: each cell is the value's text (or null for SQL NULL) and each
 * column has a kind, so that a cached answer formats exactly like a fresh one.
 */
record QueryResult(List<Column> columns, List<List<String>> rows, boolean truncated) {
    /** How a column's cells are written where the format distinguishes (JSON, table alignment). */
    enum Kind { NUMBER, BOOLEAN, TEXT }

    record Column(String name, Kind kind) {
        Column {
            requireNonNull(name, "name is null");
            requireNonNull(kind, "kind is null");
        }
    }

    QueryResult {
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
        List<List<String>> copied = new ArrayList<>(requireNonNull(rows, "rows is null").size());
        for (List<String> row : rows) {
            Preconditions.checkArgument(row.size() == columns.size(),
                    "a row has %s cells for %s columns", row.size(), columns.size());
            // List.copyOf rejects nulls, and a NULL cell is a null.
            copied.add(Collections.unmodifiableList(new ArrayList<>(row)));
        }
        rows = Collections.unmodifiableList(copied);
    }
}
