package quantmini.features;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import quantmini.core.DataType;
import quantmini.core.ExitCode;
import quantmini.core.QuantminiException;
import quantmini.core.io.AtomicFiles;
import quantmini.storage.LakeLayout;

/**
 * Which dates one data type's bronze holds and in which file each lives: a daily
 * {@code YYYY-MM-DD.parquet}, or a compacted {@code month.parquet} of the same partition
 * (DESIGN.md §2). The dates a month file holds are read from its {@code date} column.
 */
final class BronzeCatalog {
    private static final String MONTH_FILE = "month.parquet";

    private final DataType type;
    private final NavigableMap<LocalDate, Path> fileByDate;

    private BronzeCatalog(DataType type, NavigableMap<LocalDate, Path> fileByDate) {
        this.type = type;
        this.fileByDate = Collections.unmodifiableNavigableMap(fileByDate);
    }

    static BronzeCatalog scan(LakeLayout layout, DataType type, Connection duckdb) throws IOException, SQLException {
        requireNonNull(layout, "layout is null");
        requireNonNull(type, "type is null");
        NavigableMap<LocalDate, Path> byDate = new TreeMap<>();
        Path root = layout.bronzeRoot(type);
        if (!Files.isDirectory(root)) {
            return new BronzeCatalog(type, byDate);
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root, 3)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(".parquet") && !AtomicFiles.isTemporary(p))
                    .sorted().toList();
        }
        for (Path file : files) {
            String name = file.getFileName().toString();
            if (name.equals(MONTH_FILE)) {
                for (LocalDate date : datesIn(file, duckdb)) {
                    put(byDate, date, file);
                }
            } else {
                try {
                    put(byDate, LocalDate.parse(name.substring(0, name.length() - ".parquet".length())), file);
                } catch (DateTimeParseException e) {
                    // not a lake file (e.g. a user's own export); bronze only holds the two names
                }
            }
        }
        return new BronzeCatalog(type, byDate);
    }

    private static void put(NavigableMap<LocalDate, Path> byDate, LocalDate date, Path file) {
        Path other = byDate.put(date, file);
        if (other != null && !other.equals(file)) {
            // Re-ingesting a compacted day must replace it where it lives (DESIGN.md §2); two
            // copies would double the day's rows in every window.
            throw new QuantminiException(ExitCode.JOB_FAILED,
                    String.format("bronze date %s is in two files: %s and %s", date, other, file));
        }
    }

    private static List<LocalDate> datesIn(Path monthFile, Connection duckdb) throws SQLException {
        List<LocalDate> dates = new ArrayList<>();
        try (Statement statement = duckdb.createStatement();
                ResultSet rows = statement.executeQuery("SELECT DISTINCT date FROM read_parquet("
                        + Sql.string(monthFile.toAbsolutePath().toString()) + ", hive_partitioning = false) ORDER BY date")) {
            while (rows.next()) {
                dates.add(rows.getObject(1, LocalDate.class));
            }
        }
        return dates;
    }

    DataType type() {
        return type;
    }

    /** Every date bronze holds, ascending. */
    List<LocalDate> dates() {
        return List.copyOf(fileByDate.keySet());
    }

    List<LocalDate> dates(LocalDate from, LocalDate to) {
        return List.copyOf(fileByDate.subMap(from, true, to, true).keySet());
    }

    /** The date {@code count} bronze dates before {@code date} (or the first bronze date). */
    LocalDate datesBefore(LocalDate date, int count) {
        LocalDate current = date;
        for (int i = 0; i < count; i++) {
            LocalDate earlier = fileByDate.lowerKey(current);
            if (earlier == null) {
                break;
            }
            current = earlier;
        }
        return current;
    }

    /** The files holding any date in {@code [from, to]}; readers still filter on the date column. */
    Set<Path> files(LocalDate from, LocalDate to) {
        if (from.isAfter(to)) {
            return Set.of();
        }
        return new LinkedHashSet<>(fileByDate.subMap(from, true, to, true).values());
    }

    /** The files holding any date before {@code date}. */
    Set<Path> filesBefore(LocalDate date) {
        return new LinkedHashSet<>(fileByDate.headMap(date, false).values());
    }

    Path file(LocalDate date) {
        return fileByDate.get(date);
    }
}
