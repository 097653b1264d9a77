package quantmini.features;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.Map;
import quantmini.core.DataType;
import quantmini.core.ExitCode;
import quantmini.core.QuantminiException;
import quantmini.storage.LakeLayout;

/**
 * The bronze catalogs one build or validation reads, each data type's scanned at most once
 * (lookups read other types' bronze too).
 */
final class BronzeCatalogs {
    private final LakeLayout layout;
    private final Connection duckdb;
    private final Map<DataType, BronzeCatalog> scanned = new EnumMap<>(DataType.class);

    BronzeCatalogs(LakeLayout layout, Connection duckdb) {
        this.layout = requireNonNull(layout, "layout is null");
        this.duckdb = requireNonNull(duckdb, "duckdb is null");
    }

    /**
     * @throws UncheckedIOException when bronze cannot be listed
     * @throws QuantminiException when a month file cannot be read or a date is in two files
     */
    BronzeCatalog of(DataType type) {
        return scanned.computeIfAbsent(type, this::scan);
    }

    private BronzeCatalog scan(DataType type) {
        try {
            return BronzeCatalog.scan(layout, type, duckdb);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new QuantminiException(ExitCode.JOB_FAILED, "cannot list bronze " + type + ": " + e.getMessage(), e);
        }
    }
}
