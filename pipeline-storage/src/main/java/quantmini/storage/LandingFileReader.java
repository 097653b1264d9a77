package quantmini.storage;

import static java.util.Objects.requireNonNull;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads a landed flat file ({@code .csv.gz}) to its end without parsing its rows: the check that
 * it is whole (every gzip member's CRC and length), that its header names the flat-file columns
 * (DESIGN.md §1, in any order, as the ingest accepts them), and how many data lines it holds
 * (blank lines not counted, as the ingest counts them). Validators of landing and bronze share it.
 */
public final class LandingFileReader {
    /** The columns of a flat file's header. */
    public static final List<String> COLUMNS =
            List.of("ticker", "volume", "open", "close", "high", "low", "window_start", "transactions");

    private static final int BUFFER = 1 << 16;

    private LandingFileReader() {}

    /** A landed file that is not a whole flat file; the message says why, on one line. */
    public static final class UnreadableFileException extends IOException {
        private static final long serialVersionUID = 1L;

        UnreadableFileException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * The number of data lines of the gzip-compressed flat file {@code compressed} holds, read
     * to its end.
     *
     * @throws UnreadableFileException when it is no complete gzip stream or its header is not a flat file's
     * @throws IOException when reading fails otherwise
     */
    public static long countDataRows(InputStream compressed) throws IOException {
        requireNonNull(compressed, "compressed is null");
        LineCounter lines = new LineCounter();
        try (InputStream in = new GZIPInputStream(compressed, BUFFER)) {
            byte[] buffer = new byte[BUFFER];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                lines.accept(buffer, read);
            }
        } catch (EOFException | ZipException e) {
            throw new UnreadableFileException("not a complete gzip stream (" + e.getMessage() + ")", e);
        }
        lines.finish();
        return lines.dataRows;
    }

    /** Counts non-blank lines after the header, checking the header once it is complete. */
    private static final class LineCounter {
        private final StringBuilder header = new StringBuilder();
        private boolean headerDone;
        private boolean lineHasContent;
        private long dataRows;

        void accept(byte[] bytes, int length) throws UnreadableFileException {
            int start = 0;
            if (!headerDone) {
                while (start < length && bytes[start] != '\n') {
                    start++;
                }
                header.append(new String(bytes, 0, start, StandardCharsets.UTF_8));
                if (start == length) {
                    return;
                }
                checkHeader();
                start++;
            }
            for (int i = start; i < length; i++) {
                byte b = bytes[i];
                if (b == '\n') {
                    if (lineHasContent) {
                        dataRows++;
                    }
                    lineHasContent = false;
                } else if (b != '\r') {
                    lineHasContent = true;
                }
            }
        }

        void finish() throws UnreadableFileException {
            if (!headerDone) {
                if (header.length() == 0) {
                    throw new UnreadableFileException("no header line (the file is empty)", null);
                }
                checkHeader();
            }
            if (lineHasContent) {
                dataRows++;
            }
        }

        private void checkHeader() throws UnreadableFileException {
            headerDone = true;
            String text = header.toString();
            if (text.startsWith("\uFEFF")) {
                text = text.substring(1); // UTF-8 byte order mark
            }
            if (text.endsWith("\r")) {
                text = text.substring(0, text.length() - 1);
            }
            Set<String> names = new HashSet<>();
            for (String name : text.split(",", -1)) {
                names.add(name.trim());
            }
            if (!names.equals(new HashSet<>(COLUMNS)) || text.split(",", -1).length != COLUMNS.size()) {
                throw new UnreadableFileException("header '" + abbreviate(text) + "' is not the flat-file header "
                        + String.join(",", COLUMNS) + " (in any order)", null);
            }
        }

        private static String abbreviate(String text) {
            return text.length() <= 120 ? text : text.substring(0, 120) + "...";
        }
    }
}
