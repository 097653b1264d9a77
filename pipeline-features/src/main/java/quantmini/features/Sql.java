package quantmini.features;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/** Small pieces of DuckDB SQL text: literals and Parquet relations. */
final class Sql {
    private Sql() {}

    static String string(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /** A column name, quoted. */
    static String identifier(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    static String date(LocalDate date) {
        return "DATE '" + date + "'";
    }

    /**
     * The named columns of some Parquet files, cast to their bronze types, or an empty relation of the same columns when
     * there are none. Hive partitioning is off: the folders' {@code year=}/{@code month=} must not
     * turn into columns.
     */
    static String parquet(Collection<Path> files, List<BronzeColumn> columns) {
        // Cast to the types of DESIGN.md §3: a writer that stores window_start as a plain
        // timestamp (no UTC flag) is then read as UTC, never as New York wall time.
        String names = columns.stream().map(c -> "CAST(" + c.name() + " AS " + c.sqlType() + ") AS " + c.name())
                .collect(Collectors.joining(", "));
        if (files.isEmpty()) {
            String nulls = columns.stream().map(c -> "CAST(NULL AS " + c.sqlType() + ") AS " + c.name())
                    .collect(Collectors.joining(", "));
            return "(SELECT " + nulls + " WHERE false)";
        }
        String list = files.stream().map(p -> string(p.toAbsolutePath().toString())).collect(Collectors.joining(", "));
        return "(SELECT " + names + " FROM read_parquet([" + list + "], hive_partitioning = false))";
    }
}
