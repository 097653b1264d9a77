package quantmini.cli.bench;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import quantmini.core.Preconditions;

/**
 * Generated input files under one folder, and what they hold; the marker file beside the folder
 * says they are complete, so that a later run reuses them.
 *
 * @param rows data rows of all files, or {@code -1} where not counted
 */
record InputSet(Path folder, int files, long bytes, long rows) {
    InputSet {
        requireNonNull(folder, "folder is null");
        Preconditions.checkArgument(files > 0, "no input files under %s", folder);
    }

    String describe() {
        return String.format(Locale.ROOT, "%,d file%s, %s%.1f MB gzip", files, files == 1 ? "" : "s",
                rows >= 0 ? String.format(Locale.ROOT, "%,d rows, ", rows) : "", bytes / 1e6);
    }

    void writeMarker(Path marker) throws IOException {
        Files.writeString(marker, files + " " + bytes + " " + rows + "\n", StandardCharsets.UTF_8);
    }

    static InputSet readMarker(Path folder, Path marker) throws IOException {
        String[] parts = Files.readString(marker, StandardCharsets.UTF_8).strip().split(" ");
        return new InputSet(folder, Integer.parseInt(parts[0]), Long.parseLong(parts[1]), Long.parseLong(parts[2]));
    }
}
