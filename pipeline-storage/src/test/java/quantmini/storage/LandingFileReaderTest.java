package quantmini.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class LandingFileReaderTest {
    private static final String HEADER = "ticker,volume,open,close,high,low,window_start,transactions";
    private static final String ROW = "AAPL,100,1.0,1.1,1.2,0.9,1709643600000000000,5";

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    private static long rows(byte[] gzip) throws IOException {
        return LandingFileReader.countDataRows(new ByteArrayInputStream(gzip));
    }

    @Test
    void countsDataLinesAsTheIngestDoes() throws IOException {
        assertEquals(2, rows(gzip(HEADER + "\n" + ROW + "\n" + ROW + "\n")));
        assertEquals(2, rows(gzip(HEADER + "\r\n" + ROW + "\r\n\r\n" + ROW)), "CR LF, a blank line, no final line end");
        assertEquals(1, rows(gzip("\uFEFF" + HEADER + "\n\n" + ROW + "\n")), "byte order mark");
        assertEquals(0, rows(gzip(HEADER)), "a header alone");
        assertEquals(1, rows(gzip("volume,ticker,open,close,high,low,window_start,transactions\n" + ROW)), "columns in any order");
        assertEquals(1, rows(gzip(HEADER + "\nnot,a,valid,row\n")), "rows are counted, not parsed");
    }

    @Test
    void aHeaderSplitAcrossReadsIsStillOneHeader() throws IOException {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        for (int i = 0; i < 10_000; i++) {
            text.append(ROW).append('\n');
        }
        assertEquals(10_000, rows(gzip(text.toString())));
    }

    @Test
    void aFileThatIsNotWholeOrNotAFlatFileIsUnreadable() throws IOException {
        byte[] whole = gzip(HEADER + "\n" + ROW + "\n");
        LandingFileReader.UnreadableFileException truncated = assertThrows(LandingFileReader.UnreadableFileException.class,
                () -> rows(Arrays.copyOf(whole, whole.length - 6)));
        assertTrue(truncated.getMessage().startsWith("not a complete gzip stream ("), truncated.getMessage());

        LandingFileReader.UnreadableFileException header = assertThrows(LandingFileReader.UnreadableFileException.class,
                () -> rows(gzip("symbol,volume,open,close,high,low,window_start,transactions\n" + ROW)));
        assertEquals("header 'symbol,volume,open,close,high,low,window_start,transactions' is not the flat-file header " + HEADER
                + " (in any order)", header.getMessage());

        assertThrows(LandingFileReader.UnreadableFileException.class, () -> rows(gzip("")));
        assertThrows(LandingFileReader.UnreadableFileException.class, () -> rows(new byte[0]));
        assertThrows(LandingFileReader.UnreadableFileException.class, () -> rows("plain text".getBytes(StandardCharsets.UTF_8)));
    }
}
