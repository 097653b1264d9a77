package quantmini.qlib;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.LocalDate;

/**
 * One trading date of the input layer and the file that holds it, with what is needed to notice
 * that the file changed since a tree was built (a republished, re-ingested or compacted day).
 *
 * @param date the trading date
 * @param file the Parquet file holding the date (a day file, or a compacted {@code month.parquet})
 * @param relativePath the file's path under the layer root, {@code /}-separated
 * @param size the file's size in bytes
 * @param modifiedMillis the file's last-modified time
 */
record InputDay(LocalDate date, Path file, String relativePath, long size, long modifiedMillis) {
    public InputDay {
        requireNonNull(date, "date is null");
        requireNonNull(file, "file is null");
        requireNonNull(relativePath, "relativePath is null");
    }

    /** Equal for two listings of an unchanged file. */
    public String fingerprint() {
        return relativePath + "\t" + size + "\t" + modifiedMillis;
    }
}
