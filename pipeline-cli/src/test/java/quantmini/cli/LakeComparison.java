package quantmini.cli;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import quantmini.download.TestFiles;

/**
 * The yardstick of the end-to-end tests: two lakes built from the same source by different
 * paths (a backfill and nightly runs, or a run killed and resumed) must hold the same data.
 * Landing (ETag records included), bronze, quarantine, gold and the watermarks are compared
 * byte for byte. Silver and the metadata tables are compared value for value: DuckDB writes
 * them, and its row groups depend on how many dates one COPY held (docs/FEATURES.md).
 */
final class LakeComparison {
    private static final List<String> BYTE_EXACT_LAYERS = List.of("landing", "bronze", "quarantine", "gold");
    /** How many differences a failure message lists; the rest are counted. */
    private static final int SHOWN = 20;

    private LakeComparison() {}

    /**
     * Every difference between the lakes under {@code expected} and {@code actual}, one line
     * each ({@code layer/relative/path: what differs}); empty when they hold the same data.
     */
    static List<String> differences(Path expected, Path actual) {
        List<String> differences = new ArrayList<>();
        for (String layer : BYTE_EXACT_LAYERS) {
            differences.addAll(byteDifferences(layer, expected.resolve(layer), actual.resolve(layer), file -> true));
        }
        differences.addAll(byteDifferences("metadata", expected.resolve("metadata"), actual.resolve("metadata"),
                file -> !file.endsWith(".parquet")));
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:")) {
            differences.addAll(valueDifferences(duckdb, "silver", expected.resolve("silver"), actual.resolve("silver")));
            differences.addAll(valueDifferences(duckdb, "metadata", expected.resolve("metadata"), actual.resolve("metadata")));
        } catch (SQLException e) {
            throw new AssertionError("cannot compare Parquet files with DuckDB: " + e.getMessage(), e);
        }
        return differences;
    }

    /** {@link #differences} as a failure message: a headline and the first differences. */
    static String describe(String headline, List<String> differences) {
        StringBuilder message = new StringBuilder(headline).append(": ").append(differences.size()).append(" differences");
        differences.stream().limit(SHOWN).forEach(line -> message.append("\n  ").append(line));
        if (differences.size() > SHOWN) {
            message.append("\n  ...");
        }
        return message.toString();
    }

    /**
     * Every file below {@code folder} by relative path, with the SHA-256 of its bytes. Gold's
     * {@code .quantmini} folders are left out: the builder's bookkeeping records the modification
     * times of its inputs, which differ from lake to lake by nature.
     */
    static Map<String, String> digests(Path folder) {
        Map<String, String> digests = new TreeMap<>();
        for (Path file : TestFiles.filesUnder(folder)) {
            Path relative = folder.relativize(file);
            boolean bookkeeping = false;
            for (Path part : relative) {
                bookkeeping |= part.toString().equals(".quantmini");
            }
            if (!bookkeeping) {
                digests.put(relative.toString(), TestFiles.sha256(file));
            }
        }
        return digests;
    }

    private static List<String> byteDifferences(String layer, Path expected, Path actual,
            Predicate<String> compared) {
        Map<String, String> want = digests(expected);
        Map<String, String> have = digests(actual);
        List<String> differences = new ArrayList<>();
        for (String name : union(want.keySet(), have.keySet())) {
            if (!compared.test(name)) {
                continue;
            }
            String difference = presence(want.containsKey(name), have.containsKey(name));
            if (difference == null && !want.get(name).equals(have.get(name))) {
                difference = "other bytes";
            }
            if (difference != null) {
                differences.add(layer + "/" + name + ": " + difference);
            }
        }
        return differences;
    }

    /**
     * Parquet files present in both lakes must hold the same multiset of rows. The files are
     * compared in groups that share a schema (silver: one per data type; metadata: each file on
     * its own), one query per group, because a query per file takes longer than the comparison.
     */
    private static List<String> valueDifferences(Connection duckdb, String layer, Path expected, Path actual) throws SQLException {
        Set<String> want = parquetFiles(expected);
        Set<String> have = parquetFiles(actual);
        List<String> differences = new ArrayList<>();
        Set<String> groups = new TreeSet<>();
        for (String name : union(want, have)) {
            String difference = presence(want.contains(name), have.contains(name));
            if (difference != null) {
                differences.add(layer + "/" + name + ": " + difference);
            } else {
                groups.add(layer.equals("silver") ? Path.of(name).getName(0) + "/**/*.parquet" : name);
            }
        }
        for (String group : groups) {
            differingRows(duckdb, expected, actual, group).forEach((name, rows) -> {
                if (want.contains(name) && have.contains(name)) {
                    differences.add(layer + "/" + name + ": " + rows + " rows differ");
                }
            });
        }
        differences.sort(null);
        return differences;
    }

    /**
     * Rows in one lake's files and not the other's, both ways (EXCEPT ALL keeps duplicates
     * apart), by file name relative to the layer; {@code glob} names the files, relative too.
     */
    private static Map<String, Long> differingRows(Connection duckdb, Path expected, Path actual, String glob) throws SQLException {
        String a = relativeRows(expected, glob);
        String b = relativeRows(actual, glob);
        Map<String, Long> rows = new TreeMap<>();
        try (Statement statement = duckdb.createStatement();
                ResultSet result = statement.executeQuery("SELECT file, count(*) FROM ((SELECT * FROM " + a + " EXCEPT ALL SELECT * FROM "
                        + b + ") UNION ALL (SELECT * FROM " + b + " EXCEPT ALL SELECT * FROM " + a + ")) GROUP BY file")) {
            while (result.next()) {
                rows.put(result.getString(1), result.getLong(2));
            }
        }
        return rows;
    }

    private static String relativeRows(Path root, String glob) {
        String prefix = root.toAbsolutePath() + "/";
        return "(SELECT replace(filename, " + literal(prefix) + ", '') AS file, * EXCLUDE (filename) FROM read_parquet("
                + literal(prefix + glob) + ", filename = true, hive_partitioning = false))";
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    private static Set<String> parquetFiles(Path folder) {
        Set<String> names = new TreeSet<>(digests(folder).keySet());
        names.removeIf(name -> !name.endsWith(".parquet"));
        return names;
    }

    private static String presence(boolean expected, boolean actual) {
        if (!actual) {
            return "missing";
        }
        return expected ? null : "unexpected";
    }

    private static Set<String> union(Set<String> one, Set<String> other) {
        Set<String> all = new TreeSet<>(one);
        all.addAll(other);
        return all;
    }
}
