package quantmini.storage;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import quantmini.core.DataType;
import quantmini.core.Preconditions;
import quantmini.core.io.AtomicFiles;

/**
 * Moves options month partitions whose contracts have all expired out of the live lake into
 * {@code archive/<layer>/<type>/year=YYYY/month=MM/}, and back (DESIGN.md §2).
 *
 * <p>Each archived partition has a manifest {@code archive/<layer>-<type>-YYYY-MM.json} (files,
 * sizes, rows, latest expiration, when), written atomically before any file moves: a killed run
 * leaves files on both sides, and the next run finishes the move, describing the union. Files
 * are renamed, never rewritten, so a restore gives back the same bytes; a restore checks each
 * file's size against the manifest and deletes the manifest last. Both directions are no-ops
 * when already done.
 */
public final class OptionsArchiver {
    /** The layers that hold options partitions; gold has no options months. */
    public static final List<String> LAYERS = List.of("bronze", "silver");
    public static final List<DataType> TYPES = List.of(DataType.OPTIONS_DAILY, DataType.OPTIONS_MINUTE);

    private static final Pattern MANIFEST_FILE = Pattern.compile(
            "\\{\"name\": \"([^\"]+)\", \"bytes\": (\\d+), \"rows\": (\\d+)\\}");

    private final LakeLayout layout;
    private final Clock clock;

    public OptionsArchiver(LakeLayout layout, Clock clock) {
        this.layout = requireNonNull(layout, "layout is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Archives every options month partition whose latest expiration is before {@code cutoff}. */
    public List<ArchivedPartition> archiveExpired(LocalDate cutoff) throws IOException {
        requireNonNull(cutoff, "cutoff is null");
        List<ArchivedPartition> archived = new ArrayList<>();
        for (String layer : LAYERS) {
            for (DataType type : TYPES) {
                for (Path live : MonthCompactor.partitions(liveRoot(layer, type))) {
                    YearMonth month = MonthCompactor.monthOf(live).orElseThrow();
                    archive(layer, type, month, cutoff).ifPresent(archived::add);
                }
                // a killed run may have moved every file already and left only the manifest to match
                for (Path stored : MonthCompactor.partitions(archiveRoot(layer, type))) {
                    YearMonth month = MonthCompactor.monthOf(stored).orElseThrow();
                    if (!Files.exists(manifest(layer, type, month))) {
                        archive(layer, type, month, cutoff).ifPresent(archived::add);
                    }
                }
            }
        }
        return archived;
    }

    /** Moves every archived partition of {@code month} back into the live lake. */
    public List<ArchivedPartition> restore(YearMonth month) throws IOException {
        requireNonNull(month, "month is null");
        List<ArchivedPartition> restored = new ArrayList<>();
        for (String layer : LAYERS) {
            for (DataType type : TYPES) {
                restore(layer, type, month).ifPresent(restored::add);
            }
        }
        return restored;
    }

    /** {@code archive/<layer>-<type>-YYYY-MM.json} */
    public Path manifest(String layer, DataType type, YearMonth month) {
        checkLayer(layer);
        return layout.archiveManifest(layer, type, month);
    }

    /** {@code archive/<layer>/<type>/} */
    public Path archiveRoot(String layer, DataType type) {
        checkLayer(layer);
        return layout.archiveRoot(layer, type);
    }

    private Path liveRoot(String layer, DataType type) {
        checkLayer(layer);
        return layer.equals("bronze") ? layout.bronzeRoot(type) : layout.silverRoot(type);
    }

    private static void checkLayer(String layer) {
        Preconditions.checkArgument(LAYERS.contains(layer), "not an options layer: %s", layer);
    }

    private Optional<ArchivedPartition> archive(String layer, DataType type, YearMonth month, LocalDate cutoff) throws IOException {
        Path live = LakeLayout.partition(liveRoot(layer, type), month.atDay(1));
        Path stored = LakeLayout.partition(archiveRoot(layer, type), month.atDay(1));
        // a half-done compaction must not be archived as is: finish or undo it first
        new MonthCompactor().recover(live);
        List<Path> toMove = parquetFiles(live);
        List<Path> moved = parquetFiles(stored);
        if (toMove.isEmpty() && (moved.isEmpty() || Files.exists(manifest(layer, type, month)))) {
            return Optional.empty();
        }
        for (Path file : toMove) {
            if (Files.exists(stored.resolve(file.getFileName()))) {
                throw new IOException(file.getFileName() + " is both in " + live + " and in " + stored
                        + "; restore the month (archive --restore " + month + ") before archiving it again");
            }
        }
        List<Path> all = new ArrayList<>(moved);
        all.addAll(toMove);
        Map<String, Long> rows = new LinkedHashMap<>();
        LocalDate maxExpiration = inspect(all, rows);
        if (!maxExpiration.isBefore(cutoff)) {
            if (!moved.isEmpty()) {
                throw new IOException(stored + " holds part of a month whose contracts expire " + maxExpiration
                        + ", not before " + cutoff + "; restore it (archive --restore " + month + ")");
            }
            return Optional.empty();
        }
        long bytes = 0;
        StringBuilder files = new StringBuilder();
        for (Path file : all) {
            long size = Files.size(file);
            bytes += size;
            files.append(files.length() == 0 ? "" : ",\n").append("    {\"name\": \"").append(file.getFileName())
                    .append("\", \"bytes\": ").append(size).append(", \"rows\": ").append(rows.get(file.getFileName().toString())).append('}');
        }
        long totalRows = rows.values().stream().mapToLong(Long::longValue).sum();
        Path manifest = manifest(layer, type, month);
        String json = "{\n  \"layer\": \"" + layer + "\",\n  \"data_type\": \"" + type.id() + "\",\n  \"month\": \"" + month
                + "\",\n  \"source\": \"" + layout.dataRoot().relativize(live) + "\",\n  \"archive\": \""
                + layout.dataRoot().relativize(stored) + "\",\n  \"max_expiration\": \"" + maxExpiration
                + "\",\n  \"cutoff\": \"" + cutoff + "\",\n  \"rows\": " + totalRows + ",\n  \"bytes\": " + bytes
                + ",\n  \"archived_at\": \"" + Instant.now(clock) + "\",\n  \"files\": [\n" + files + "\n  ]\n}\n";
        AtomicFiles.writeString(manifest, json);
        Files.createDirectories(stored);
        for (Path file : toMove) {
            Files.move(file, stored.resolve(file.getFileName()), StandardCopyOption.ATOMIC_MOVE);
        }
        deleteIfEmpty(live);
        return Optional.of(new ArchivedPartition(layer, type, month, all.size(), bytes, totalRows, maxExpiration, manifest));
    }

    private Optional<ArchivedPartition> restore(String layer, DataType type, YearMonth month) throws IOException {
        Path live = LakeLayout.partition(liveRoot(layer, type), month.atDay(1));
        Path stored = LakeLayout.partition(archiveRoot(layer, type), month.atDay(1));
        Path manifest = manifest(layer, type, month);
        if (!Files.exists(manifest)) {
            if (!parquetFiles(stored).isEmpty()) {
                throw new IOException(stored + " has no manifest " + manifest + "; run archive --expired-options to finish it first");
            }
            return Optional.empty();
        }
        String json = Files.readString(manifest, StandardCharsets.UTF_8);
        Map<String, Long> sizes = new LinkedHashMap<>();
        long rows = 0;
        Matcher entry = MANIFEST_FILE.matcher(json);
        while (entry.find()) {
            sizes.put(entry.group(1), Long.parseLong(entry.group(2)));
            rows += Long.parseLong(entry.group(3));
        }
        Matcher expiration = Pattern.compile("\"max_expiration\": \"([0-9-]+)\"").matcher(json);
        LocalDate maxExpiration = expiration.find() ? LocalDate.parse(expiration.group(1)) : LocalDate.MIN;
        long bytes = 0;
        for (Map.Entry<String, Long> file : sizes.entrySet()) {
            Path archived = stored.resolve(file.getKey());
            Path back = live.resolve(file.getKey());
            if (Files.exists(archived)) {
                if (Files.size(archived) != file.getValue()) {
                    throw new IOException(archived + " has " + Files.size(archived) + " bytes, the manifest says " + file.getValue());
                }
                if (Files.exists(back)) {
                    throw new IOException(back + " exists in the live lake; move it away before restoring " + month);
                }
                Files.createDirectories(live);
                Files.move(archived, back, StandardCopyOption.ATOMIC_MOVE);
            } else if (!Files.exists(back)) {
                throw new IOException(file.getKey() + " of " + manifest + " is neither in " + stored + " nor in " + live);
            }
            bytes += file.getValue();
        }
        deleteIfEmpty(stored);
        Files.delete(manifest);
        return Optional.of(new ArchivedPartition(layer, type, month, sizes.size(), bytes, rows, maxExpiration, manifest));
    }

    /** Latest expiration over {@code files}, and rows per file name. */
    private static LocalDate inspect(List<Path> files, Map<String, Long> rowsByName) throws IOException {
        StringBuilder list = new StringBuilder();
        for (Path file : files) {
            list.append(list.length() == 0 ? "" : ", ").append(DuckDb.literal(file));
        }
        String sql = "SELECT filename, count(*), max(expiration) FROM read_parquet([" + list
                + "], hive_partitioning = false, filename = true) GROUP BY filename";
        LocalDate max = LocalDate.MIN;
        try (Connection duckdb = DuckDb.connect(); Statement statement = duckdb.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                rowsByName.put(Path.of(result.getString(1)).getFileName().toString(), result.getLong(2));
                LocalDate expiration = result.getObject(3, LocalDate.class);
                if (expiration != null && expiration.isAfter(max)) {
                    max = expiration;
                }
            }
        } catch (SQLException e) {
            throw new IOException("cannot read the expirations of " + files + ": " + e.getMessage(), e);
        }
        for (Path file : files) {
            rowsByName.putIfAbsent(file.getFileName().toString(), 0L);
        }
        return max;
    }

    private static List<Path> parquetFiles(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> {
                String name = p.getFileName().toString();
                return name.endsWith(".parquet") && !name.startsWith(".") && Files.isRegularFile(p);
            }).sorted().toList();
        }
    }

    /** Removes a partition folder left empty, and its year folder if that is empty too. */
    private static void deleteIfEmpty(Path partition) throws IOException {
        if (deleteIfEmptyFolder(partition)) {
            deleteIfEmptyFolder(partition.getParent());
        }
    }

    private static boolean deleteIfEmptyFolder(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return true;
        }
        try (Stream<Path> entries = Files.list(folder)) {
            if (entries.findAny().isPresent()) {
                return false;
            }
        }
        Files.delete(folder);
        return true;
    }
}
