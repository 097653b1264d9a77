package quantmini.cli;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import quantmini.core.ExitCode;
import quantmini.core.Preconditions;
import quantmini.core.QuantminiException;

/**
 * Runs one user query against the lake's views. Each query gets a DuckDB database of its own
 * rather than the process's shared one, so that the user's SQL (which may create or drop things)
 * never touches what the stages use, and views of one lake never leak into a query of another.
 */
final class LakeQuery {
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private LakeQuery() {}

    /** The first {@code maxRows} rows of {@code sql}; a DuckDB error is a usage error on one line. */
    static QueryResult run(LakeViews views, String sql, int maxRows) {
        requireNonNull(views, "views is null");
        requireNonNull(sql, "sql is null");
        Preconditions.checkArgument(maxRows >= 0, "maxRows must not be negative, was %s", maxRows);
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:")) {
            try {
                views.createOn(connection);
            } catch (SQLException e) {
                // the user's SQL has not run yet: this is the lake's files, not a usage error
                throw new QuantminiException(ExitCode.JOB_FAILED, "cannot read the lake: " + oneLine(e.getMessage()), e);
            }
            try (Statement statement = connection.createStatement()) {
                if (!statement.execute(sql)) {
                    return new QueryResult(List.of(new QueryResult.Column("Count", QueryResult.Kind.NUMBER)),
                            List.of(List.of(Long.toString(Math.max(0, statement.getUpdateCount())))), false);
                }
                try (ResultSet rows = statement.getResultSet()) {
                    return read(rows, maxRows);
                }
            }
        } catch (SQLException e) {
            throw new QuantminiException(ExitCode.USAGE_OR_CONFIG, oneLine(e.getMessage()), e);
        }
    }

    private static QueryResult read(ResultSet rows, int maxRows) throws SQLException {
        ResultSetMetaData meta = rows.getMetaData();
        List<QueryResult.Column> columns = new ArrayList<>();
        for (int c = 1; c <= meta.getColumnCount(); c++) {
            columns.add(new QueryResult.Column(meta.getColumnLabel(c), kind(meta.getColumnType(c))));
        }
        List<List<String>> values = new ArrayList<>();
        boolean truncated = false;
        while (rows.next()) {
            if (values.size() == maxRows) {
                truncated = true;
                break;
            }
            List<String> row = new ArrayList<>(columns.size());
            for (int c = 1; c <= columns.size(); c++) {
                row.add(text(rows.getObject(c)));
            }
            values.add(row);
        }
        return new QueryResult(columns, values, truncated);
    }

    private static QueryResult.Kind kind(int sqlType) {
        switch (sqlType) {
            case Types.TINYINT: case Types.SMALLINT: case Types.INTEGER: case Types.BIGINT:
            case Types.DECIMAL: case Types.NUMERIC: case Types.FLOAT: case Types.REAL: case Types.DOUBLE:
                return QueryResult.Kind.NUMBER;
            case Types.BOOLEAN: case Types.BIT:
                return QueryResult.Kind.BOOLEAN;
            default:
                return QueryResult.Kind.TEXT;
        }
    }

    /** A value's text; decimals in plain notation, so the table never shows 1E+1 for 10. */
    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof BigDecimal) {
            return ((BigDecimal) value).toPlainString();
        }
        if (value instanceof java.sql.Timestamp) {
            return timestamp(((java.sql.Timestamp) value).toLocalDateTime());
        }
        if (value instanceof LocalDateTime) {
            return timestamp((LocalDateTime) value);
        }
        if (value instanceof OffsetDateTime) {
            // TIMESTAMPTZ comes back in UTC; shown as DuckDB shows it, with the offset
            OffsetDateTime time = (OffsetDateTime) value;
            return timestamp(time.toLocalDateTime()) + (time.getOffset().equals(ZoneOffset.UTC) ? "+00" : time.getOffset().getId());
        }
        return value.toString();
    }

    /** {@code 2024-03-18 09:30:00}, with a fraction only when there is one (Java's toString drops zero seconds). */
    private static String timestamp(LocalDateTime time) {
        String text = time.format(SECONDS);
        return time.getNano() == 0 ? text : text + String.format(".%06d", time.getNano() / 1000);
    }

    /** DuckDB's messages span lines (the SQL and a caret); the CLI reports failures on one line. */
    static String oneLine(String message) {
        return message == null ? "query failed" : message.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
