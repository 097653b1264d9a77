package quantmini.features;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import quantmini.core.profile.ResourceLimits;

/** Opens the in-memory DuckDB a silver build runs in, inside the run's resource limits. */
final class DuckDbSessions {
    /**
     * DuckDB's share of the process memory budget. The features stage keeps almost nothing on
     * the JVM heap (rows never leave DuckDB), so most of the budget goes to DuckDB and the rest
     * covers the heap, metaspace and thread stacks.
     */
    static final double DUCKDB_SHARE_OF_BUDGET = 0.75;
    private static final long MIN_MEMORY_BYTES = 256L << 20;

    private DuckDbSessions() {}

    static long memoryLimitBytes(ResourceLimits limits) {
        return Math.max(MIN_MEMORY_BYTES, (long) (limits.memoryBudgetBytes() * DUCKDB_SHARE_OF_BUDGET));
    }

    /**
     * @param spillFolder where DuckDB may spill when a batch outgrows its memory limit
     */
    static Connection open(ResourceLimits limits, Path spillFolder) throws SQLException, IOException {
        requireNonNull(limits, "limits is null");
        requireNonNull(spillFolder, "spillFolder is null");
        Files.createDirectories(spillFolder);
        Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET memory_limit = '" + (memoryLimitBytes(limits) >> 20) + "MiB'");
            statement.execute("SET threads = " + limits.workerThreads());
            statement.execute("SET temp_directory = " + Sql.string(spillFolder.toAbsolutePath().toString()));
            // window_start is TIMESTAMPTZ; a fixed session zone keeps what is written independent
            // of the machine's zone. New York times are asked for explicitly in the formulas.
            statement.execute("SET TimeZone = 'UTC'");
            statement.execute("SET preserve_insertion_order = true");
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }
}
