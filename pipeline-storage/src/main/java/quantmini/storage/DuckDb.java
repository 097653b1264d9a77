package quantmini.storage;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** Opens in-process DuckDB connections for reading back the lake's Parquet files. */
public final class DuckDb {
    private DuckDb() {}

    /** A new in-memory connection; the caller closes it. */
    public static Connection connect() throws SQLException {
        try {
            Class.forName("org.duckdb.DuckDBDriver");
        } catch (ClassNotFoundException e) {
            throw new SQLException("DuckDB JDBC driver missing from the class path", e);
        }
        return DriverManager.getConnection("jdbc:duckdb:");
    }

    /** {@code path} as a SQL string literal. */
    public static String literal(Path path) {
        return "'" + path.toAbsolutePath().toString().replace("'", "''") + "'";
    }
}
