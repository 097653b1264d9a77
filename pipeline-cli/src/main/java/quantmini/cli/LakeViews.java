package quantmini.cli;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import quantmini.core.DataType;
import quantmini.core.io.AtomicFiles;
import quantmini.storage.DuckDb;
import quantmini.storage.LakeLayout;
import quantmini.storage.MetadataStore;

/**
 * The SQL views {@code quantmini query} offers over the lake: {@code bronze.<type>},
 * {@code silver.<type>} and {@code metadata.<table>}, each only where its files exist, so that a
 * missing layer never breaks a query of another.
 */
final class LakeViews {
    static final List<String> SCHEMAS = List.of("bronze", "silver", "metadata");

    /** One view: its qualified name, the source it reads, and the files that source covers. */
    record View(String schema, String name, String source, List<Path> files) {
        View {
            requireNonNull(schema, "schema is null");
            requireNonNull(name, "name is null");
            requireNonNull(source, "source is null");
            files = List.copyOf(files);
        }

        String qualifiedName() {
            return schema + "." + name;
        }
    }

    private final List<View> views;

    private LakeViews(List<View> views) {
        this.views = List.copyOf(views);
    }

    /** The views over what the lake holds now. */
    static LakeViews of(LakeLayout layout) {
        requireNonNull(layout, "layout is null");
        List<View> views = new ArrayList<>();
        for (DataType type : DataType.values()) {
            partitioned("bronze", type, layout.bronzeRoot(type)).ifPresent(views::add);
        }
        for (DataType type : DataType.values()) {
            partitioned("silver", type, layout.silverRoot(type)).ifPresent(views::add);
        }
        for (DataType.AssetClass assetClass : DataType.AssetClass.values()) {
            Path root = layout.metadataRoot(assetClass);
            String prefix = assetClass.folderName() + "_";
            single(prefix + "daily_stats", root.resolve(MetadataStore.DAILY_STATS)).ifPresent(views::add);
            single(prefix + "symbols", root.resolve(MetadataStore.SYMBOLS)).ifPresent(views::add);
            if (assetClass == DataType.AssetClass.OPTIONS) {
                single(prefix + "contracts", root.resolve(MetadataStore.CONTRACTS)).ifPresent(views::add);
                single(prefix + "chains", root.resolve(MetadataStore.CHAINS)).ifPresent(views::add);
            }
        }
        return new LakeViews(views);
    }

    List<View> views() {
        return views;
    }

    /** Every file the views read, sorted: what a cached answer depends on. */
    List<Path> files() {
        return views.stream().flatMap(view -> view.files().stream()).sorted().collect(Collectors.toUnmodifiableList());
    }

    /** Creates the schemas and views on {@code connection} (a database of its own). */
    void createOn(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String schema : SCHEMAS) {
                statement.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
            }
            for (View view : views) {
                statement.execute("CREATE OR REPLACE VIEW " + view.qualifiedName() + " AS SELECT * FROM " + view.source());
            }
        }
    }

    /**
     * {@code <root>/year=YYYY/month=MM/*.parquet}: the day files and a compacted month.parquet.
     * Hive partitioning is off because the columns already hold the dates, and union_by_name lets
     * files written before a column was added be read with those after.
     */
    private static Optional<View> partitioned(String layer, DataType type, Path root) {
        List<Path> files = parquetFiles(root);
        if (files.isEmpty()) {
            return Optional.empty();
        }
        String glob = DuckDb.literal(root.resolve("*").resolve("*").resolve("*.parquet"));
        String source = "read_parquet(" + glob + ", hive_partitioning = false, union_by_name = true)";
        return Optional.of(new View(layer, type.id(), source, files));
    }

    private static Optional<View> single(String name, Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        return Optional.of(new View("metadata", name, "read_parquet(" + DuckDb.literal(file) + ")", List.of(file)));
    }

    /** The files the glob {@code <root>/*}{@code /*}{@code /*.parquet} matches, sorted. */
    static List<Path> parquetFiles(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root, 3)) {
            return walk.filter(path -> root.relativize(path).getNameCount() == 3)
                    .filter(path -> path.getFileName().toString().endsWith(".parquet"))
                    .filter(path -> !AtomicFiles.isTemporary(path))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .collect(Collectors.toUnmodifiableList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root + ": " + e.getMessage(), e);
        }
    }
}
