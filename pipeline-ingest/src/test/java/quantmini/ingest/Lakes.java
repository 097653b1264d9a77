package quantmini.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import quantmini.core.DataType;
import quantmini.core.FlatFileKey;
import quantmini.core.config.IngestMode;
import quantmini.storage.DuckDb;
import quantmini.storage.LakeLayout;

/** Helpers for tests that build a lake in a temporary folder and look into it. */
final class Lakes {
    private Lakes() {}

    static FlatFileKey put(LakeLayout layout, FlatFileKey key, byte[] gzip) throws IOException {
        Path file = layout.landingFile(key);
        Files.createDirectories(file.getParent());
        Files.write(file, gzip);
        return key;
    }

    static IngestSummary ingest(LakeLayout layout, IngestMode mode, IngestOptions options, List<FlatFileKey> keys) {
        try (BronzeIngestor ingestor = new BronzeIngestor(layout, mode, options)) {
            return ingestor.ingest(keys, quantmini.core.progress.ProgressListener.NONE);
        }
    }

    /** Every file under the lake's output folders (not landing), by relative path, with its bytes. */
    static TreeMap<String, byte[]> outputs(LakeLayout layout) throws IOException {
        TreeMap<String, byte[]> files = new TreeMap<>();
        for (String folder : List.of("bronze", "quarantine", "metadata", "tmp")) {
            Path root = layout.dataRoot().resolve(folder);
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path file : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                    files.put(layout.dataRoot().relativize(file).toString(), Files.readAllBytes(file));
                }
            }
        }
        return files;
    }

    static List<List<Object>> query(String sql) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (Connection connection = DuckDb.connect();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(result.getObject(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    static void execute(String sql) throws SQLException {
        try (Connection connection = DuckDb.connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    static long count(String sql) throws SQLException {
        return ((Number) query(sql).get(0).get(0)).longValue();
    }

    static String csvColumns() {
        return "columns={'ticker':'VARCHAR','volume':'BIGINT','open':'DOUBLE','close':'DOUBLE','high':'DOUBLE',"
                + "'low':'DOUBLE','window_start':'BIGINT','transactions':'BIGINT'}";
    }

    /**
     * Rows of the source (read by DuckDB's own CSV reader) that bronze lacks, plus rows of bronze
     * that the source lacks, as a count: 0 when both hold the same multiset of values.
     */
    static long valueDifferences(Path source, Path bronze, String sourceFilter) throws SQLException {
        String csv = "SELECT ticker, volume, open, high, low, close, window_start // 1000 AS ws, transactions FROM read_csv("
                + DuckDb.literal(source) + ", header=true, " + csvColumns() + ") WHERE " + sourceFilter;
        String parquet = "SELECT ticker, volume, open, high, low, close, epoch_us(window_start) AS ws, transactions FROM read_parquet("
                + DuckDb.literal(bronze) + ")";
        return count("SELECT count(*) FROM ((" + csv + " EXCEPT ALL " + parquet + ") UNION ALL (" + parquet + " EXCEPT ALL " + csv + "))");
    }

    static DataType[] allTypes() {
        return DataType.values();
    }
}
