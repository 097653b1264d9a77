package quantmini.download;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import quantmini.core.io.AtomicFiles;

/**
 * The size and ETag a landing file was fetched with, kept in a sidecar beside it:
 * {@code landing/.../.2024-03-28.csv.gz.etag} holding {@code etag=<etag>} and {@code size=<n>}.
 * A dot-file, so listings of landing skip it like they skip temporary files.
 *
 * <p>It is written (atomically) only after the data file is in place, and removed before a
 * replacement is moved in: a landing file without its record is never trusted as complete.
 */
record LandingRecord(String etag, long size) {
    private static final String SUFFIX = ".etag";

    LandingRecord {
        requireNonNull(etag, "etag is null");
    }

    static Path sidecarOf(Path landingFile) {
        return landingFile.resolveSibling("." + landingFile.getFileName() + SUFFIX);
    }

    /** The record beside {@code landingFile}; empty when there is none or it cannot be read. */
    static Optional<LandingRecord> read(Path landingFile) {
        try {
            String etag = null;
            Long size = null;
            for (String line : Files.readAllLines(sidecarOf(landingFile), StandardCharsets.UTF_8)) {
                if (line.startsWith("etag=")) {
                    etag = line.substring("etag=".length());
                } else if (line.startsWith("size=")) {
                    size = Long.parseLong(line.substring("size=".length()).strip());
                }
            }
            return etag == null || size == null ? Optional.empty() : Optional.of(new LandingRecord(etag, size));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | NumberFormatException e) {
            // an unreadable record means "unknown": the file is fetched again
            return Optional.empty();
        }
    }

    void writeBeside(Path landingFile) throws IOException {
        AtomicFiles.writeString(sidecarOf(landingFile), "etag=" + etag + "\nsize=" + size + "\n");
    }

    static void deleteBeside(Path landingFile) throws IOException {
        Files.deleteIfExists(sidecarOf(landingFile));
    }
}
