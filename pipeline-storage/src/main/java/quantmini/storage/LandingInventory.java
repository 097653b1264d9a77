package quantmini.storage;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import quantmini.core.DataType;
import quantmini.core.FlatFileKey;
import quantmini.core.Preconditions;

/**
 * Which day files landing holds. Dot-files (the download's ETag records and temporary files) and
 * anything that is not a day file are passed over.
 */
public final class LandingInventory {
    private final LakeLayout layout;

    public LandingInventory(LakeLayout layout) {
        this.layout = requireNonNull(layout, "layout is null");
    }

    /** The landed days of {@code type} from {@code from} to {@code to} (inclusive), by date. */
    public List<FlatFileKey> keys(DataType type, LocalDate from, LocalDate to) {
        requireNonNull(type, "type is null");
        Preconditions.checkArgument(!to.isBefore(from), "date range ends before it starts: %s to %s", from, to);
        Path root = layout.landingRoot(type);
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<FlatFileKey> keys = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root, 3)) {
            files.filter(Files::isRegularFile)
                    .filter(file -> !file.getFileName().toString().startsWith("."))
                    .forEach(file -> {
                        String datePath = root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
                        Optional<FlatFileKey> key = FlatFileKey.parseDatePath(type, datePath);
                        key.filter(k -> !k.date().isBefore(from) && !k.date().isAfter(to)).ifPresent(keys::add);
                    });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
        keys.sort(null);
        return List.copyOf(keys);
    }

    /**
     * The keys whose bronze is missing or older than the landed file, or whose ingest a killed
     * run left unfinished (its pending note is still there: bronze may be in place while its
     * quarantine file and metadata are not): what an ingest must (re)do for the lake to be
     * complete. A day inside a compacted {@code month.parquet} counts by that file's time. A
     * landed file replaced by a republished object is newer than its bronze.
     */
    public List<FlatFileKey> withoutCurrentBronze(List<FlatFileKey> keys) {
        List<FlatFileKey> stale = new ArrayList<>();
        for (FlatFileKey key : keys) {
            Path landed = layout.landingFile(key);
            Path day = layout.bronzeFile(key.dataType(), key.date());
            Path month = LakeLayout.compactedMonthFile(layout.bronzeRoot(key.dataType()), key.date());
            Path bronze = Files.isRegularFile(day) ? day : Files.isRegularFile(month) ? month : null;
            try {
                if (bronze == null || Files.getLastModifiedTime(bronze).compareTo(Files.getLastModifiedTime(landed)) < 0
                        || Files.exists(layout.pendingIngestNote(key.dataType(), key.date()))) {
                    stale.add(key);
                }
            } catch (IOException e) {
                stale.add(key); // unreadable times: redo, which is always safe
            }
        }
        return List.copyOf(stale);
    }
}
