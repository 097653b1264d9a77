package quantmini.storage;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One live Parquet file of a date-partitioned layer (bronze, silver): a day file
 * {@code year=YYYY/month=MM/YYYY-MM-DD.parquet} or a closed month's {@code month.parquet}.
 *
 * @param day the day a day file holds; empty for a month file
 */
public record PartitionFile(Path path, YearMonth month, Optional<LocalDate> day) {
    private static final String MONTH_FILE = "month.parquet";

    public PartitionFile {
        requireNonNull(path, "path is null");
        requireNonNull(month, "month is null");
        requireNonNull(day, "day is null");
    }

    public boolean isMonthFile() {
        return day.isEmpty();
    }

    /**
     * The live files under {@code layerRoot}, sorted by path. Temporary files, the work folder of
     * a compaction and files of other names (a user's own export) are passed over.
     */
    public static List<PartitionFile> list(Path layerRoot) throws IOException {
        requireNonNull(layerRoot, "layerRoot is null");
        List<PartitionFile> files = new ArrayList<>();
        if (!Files.isDirectory(layerRoot)) {
            return files;
        }
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(layerRoot, 3)) {
            paths = walk.filter(p -> p.getNameCount() == layerRoot.getNameCount() + 3)
                    .filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(".parquet") && !p.getFileName().toString().startsWith("."))
                    .sorted().toList();
        }
        for (Path path : paths) {
            parse(layerRoot, path).ifPresent(files::add);
        }
        return files;
    }

    private static Optional<PartitionFile> parse(Path layerRoot, Path path) {
        String year = path.getParent().getParent().getFileName().toString();
        String month = path.getParent().getFileName().toString();
        String name = path.getFileName().toString();
        try {
            if (!year.startsWith("year=") || !month.startsWith("month=")) {
                return Optional.empty();
            }
            YearMonth partition = YearMonth.of(Integer.parseInt(year.substring(5)), Integer.parseInt(month.substring(6)));
            if (!path.getParent().equals(LakeLayout.partition(layerRoot, partition.atDay(1)))) {
                return Optional.empty();
            }
            if (name.equals(MONTH_FILE)) {
                return Optional.of(new PartitionFile(path, partition, Optional.empty()));
            }
            LocalDate day = LocalDate.parse(name.substring(0, name.length() - ".parquet".length()));
            return Optional.of(new PartitionFile(path, partition, Optional.of(day)));
        } catch (NumberFormatException | java.time.DateTimeException e) {
            return Optional.empty();
        }
    }
}
