package quantmini.storage;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.duckdb.DuckDBConnection;

/**
 * In-process DuckDB connections for reading back the lake's Parquet files. All share one
 * in-memory database per process: opening a new database costs about a tenth of a second, which
 * a per-day metadata read paid on every ingested day.
 */
public final class DuckDb {
    private DuckDb() {}

    /** Holds the shared database; created on first use, for the life of the process. */
    private static final class Shared {
        static final DuckDBConnection DATABASE = open();

        private static DuckDBConnection open() {
            try {
                return (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:");
            } catch (SQLException e) {
                throw new IllegalStateException("cannot start DuckDB: " + e.getMessage(), e);
            }
        }
    }

    /** A new connection to the shared in-memory database; the caller closes it. */
    public static Connection connect() throws SQLException {
        try {
            return Shared.DATABASE.duplicate();
        } catch (IllegalStateException | NoClassDefFoundError e) {
            throw new SQLException("DuckDB is not available: " + e.getMessage(), e);
        }
    }

    /** {@code path} as a SQL string literal. */
    public static String literal(Path path) {
        return "'" + path.toAbsolutePath().toString().replace("'", "''") + "'";
    }
}
