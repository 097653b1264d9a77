package quantmini.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * The rejected rows of one file. Rows rejected while parsing carry their text at once; duplicates
 * are only seen after sorting, when the text is gone, so they are noted by line number and their
 * text is fetched by one more pass over the file ({@link #resolveDuplicates}) — rare, and cheaper
 * than keeping every line's text.
 */
final class RejectLog {
    private final List<RejectedRow> rows = new ArrayList<>();
    private final List<Long> duplicateLines = new ArrayList<>();

    void add(long lineNumber, RejectReason reason, String line) {
        rows.add(new RejectedRow(lineNumber, reason, line));
    }

    void addDuplicate(long lineNumber) {
        duplicateLines.add(lineNumber);
    }

    long count() {
        return rows.size() + (long) duplicateLines.size();
    }

    /** Reads the text of the duplicate lines from {@code file}. */
    void resolveDuplicates(Path file) throws IOException {
        if (duplicateLines.isEmpty()) {
            return;
        }
        Map<Long, Boolean> wanted = new HashMap<>();
        for (long line : duplicateLines) {
            wanted.put(line, Boolean.TRUE);
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file), 1 << 16), StandardCharsets.UTF_8), 1 << 16)) {
            long number = 0;
            String text;
            while ((text = reader.readLine()) != null && !wanted.isEmpty()) {
                number++;
                if (wanted.remove(number) != null) {
                    rows.add(new RejectedRow(number, RejectReason.DUPLICATE_KEY, text));
                }
            }
        }
        duplicateLines.clear();
    }

    /** Every rejected row in line order; call {@link #resolveDuplicates} first. */
    List<RejectedRow> sorted() {
        if (!duplicateLines.isEmpty()) {
            throw new IllegalStateException("duplicate lines not resolved");
        }
        List<RejectedRow> copy = new ArrayList<>(rows);
        copy.sort(Comparator.comparingLong(RejectedRow::lineNumber));
        return List.copyOf(copy);
    }
}
