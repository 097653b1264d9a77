package quantmini.ingest;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import quantmini.core.DataType;
import quantmini.core.io.AtomicFiles;
import quantmini.storage.LakeLayout;

/**
 * Writes {@code quarantine/{data_type}/YYYY-MM-DD.csv}: one row per rejected source line with
 * the columns {@code line_number,reason,line} — the line quoted as a CSV field, as it was. The
 * file is replaced atomically and removed when a rerun of the day rejects nothing.
 */
public final class QuarantineWriter {
    public static final String HEADER = "line_number,reason,line";

    private final LakeLayout layout;

    public QuarantineWriter(LakeLayout layout) {
        this.layout = requireNonNull(layout, "layout is null");
    }

    /** Temporary files of a killed run beside {@code file}; see BronzeStore on why this is safe. */
    private static void removeLeftovers(Path file) throws IOException {
        Path folder = file.getParent();
        if (!Files.isDirectory(folder)) {
            return;
        }
        String prefix = "." + file.getFileName() + ".";
        try (java.util.stream.Stream<Path> files = Files.list(folder)) {
            for (Path other : (Iterable<Path>) files::iterator) {
                if (AtomicFiles.isTemporary(other) && other.getFileName().toString().startsWith(prefix)) {
                    Files.deleteIfExists(other);
                }
            }
        }
    }

    /**
     * The rejected rows a quarantine file holds (one per line after the header; a source line
     * never holds a line end), or 0 when there is no file.
     */
    public static long countRows(Path file) throws IOException {
        requireNonNull(file, "file is null");
        if (!Files.isRegularFile(file)) {
            return 0;
        }
        long lines = 0;
        try (java.io.InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                for (int i = 0; i < read; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
            }
        }
        return Math.max(0, lines - 1);
    }

    public void write(DataType type, LocalDate date, List<RejectedRow> rows) throws IOException {
        Path file = layout.quarantineFile(type, date);
        removeLeftovers(file);
        if (rows.isEmpty()) {
            Files.deleteIfExists(file);
            return;
        }
        AtomicFiles.write(file, out -> {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            writer.write(HEADER);
            writer.write('\n');
            for (RejectedRow row : rows) {
                writer.write(Long.toString(row.lineNumber()));
                writer.write(',');
                writer.write(row.reason().code());
                writer.write(",\"");
                writer.write(row.line().replace("\"", "\"\""));
                writer.write("\"\n");
            }
            writer.flush();
        });
    }
}
