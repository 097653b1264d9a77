package quantmini.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quantmini.core.DataType;
import quantmini.core.FlatFileKey;
import quantmini.fixtures.FixtureSpec;
import quantmini.fixtures.FlatFileGenerator;
import quantmini.storage.DuckDb;
import quantmini.storage.LakeLayout;

/**
 * The streaming mode under {@code -Xmx512m} on a ~2 M-row minute day, once in order (written as it
 * is parsed) and once reversed (sorted through spilled runs and a merge).
 */
@Tag("slow")
class StreamingMemoryTest {
    private static final LocalDate SORTED_DAY = LocalDate.of(2024, 3, 27);
    private static final LocalDate REVERSED_DAY = LocalDate.of(2024, 3, 28);

    @TempDir
    Path root;

    @Test
    void aTwoMillionRowDayFitsIn512MegabytesOfHeap() throws Exception {
        LakeLayout layout = new LakeLayout(root);
        byte[] gzip = new FlatFileGenerator(FixtureSpec.realistic(5500)).dayFile(DataType.STOCKS_MINUTE, SORTED_DAY);
        Lakes.put(layout, new FlatFileKey(DataType.STOCKS_MINUTE, SORTED_DAY), gzip);
        Lakes.put(layout, new FlatFileKey(DataType.STOCKS_MINUTE, REVERSED_DAY), reversed(gzip));

        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "--add-opens=java.base/java.nio=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                StreamingMemoryCheck.class.getName(), root.toString(), SORTED_DAY.toString(), REVERSED_DAY.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(10, TimeUnit.MINUTES));
        System.out.println(output);
        assertEquals(0, process.exitValue(), output);
        java.util.regex.Matcher peak = java.util.regex.Pattern.compile("VmHWM: (\\d+) kB").matcher(output);
        assertTrue(peak.find(), output);
        assertTrue(Long.parseLong(peak.group(1)) < 1_000_000, "peak RSS under 1 GB: " + peak.group(1) + " kB");

        long sourceRows = Lakes.count("SELECT count(*) FROM read_csv(" + DuckDb.literal(layout.landingFile(
                new FlatFileKey(DataType.STOCKS_MINUTE, SORTED_DAY))) + ", header=true, " + Lakes.csvColumns() + ")");
        assertTrue(sourceRows > 1_500_000, "rows: " + sourceRows);
        assertTrue(output.contains("day " + SORTED_DAY + " in=" + sourceRows + " written=" + sourceRows + " quarantined=0"), output);
        assertTrue(output.contains("day " + REVERSED_DAY + " in=" + sourceRows + " written=" + sourceRows + " quarantined=0"), output);
        // the same rows, so the same bytes but for the date column: compare all other values in file order
        String sorted = DuckDb.literal(layout.bronzeFile(DataType.STOCKS_MINUTE, SORTED_DAY));
        String reversed = DuckDb.literal(layout.bronzeFile(DataType.STOCKS_MINUTE, REVERSED_DAY));
        String columns = "ticker, volume, open, high, low, close, window_start, transactions";
        assertEquals(0, Lakes.count("SELECT count(*) FROM (SELECT row_number() OVER () AS pos, " + columns + " FROM read_parquet(" + sorted
                + ")) a FULL JOIN (SELECT row_number() OVER () AS pos, " + columns + " FROM read_parquet(" + reversed
                + ")) b USING (pos) WHERE a.ticker IS DISTINCT FROM b.ticker OR a.window_start IS DISTINCT FROM b.window_start "
                + "OR a.volume IS DISTINCT FROM b.volume OR a.close IS DISTINCT FROM b.close"));
        assertEquals(0, Lakes.valueDifferences(layout.landingFile(new FlatFileKey(DataType.STOCKS_MINUTE, SORTED_DAY)),
                layout.bronzeFile(DataType.STOCKS_MINUTE, SORTED_DAY), "true"));
    }

    /** The same rows, data lines in reverse order: the worst case for the sort. */
    private static byte[] reversed(byte[] gzip) throws Exception {
        String text;
        try (GZIPInputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(gzip))) {
            text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
        String[] lines = text.split("\n");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(gzip.length);
        try (OutputStream out = new GZIPOutputStream(bytes, 1 << 16)) {
            out.write((lines[0] + "\n").getBytes(StandardCharsets.US_ASCII));
            for (int i = lines.length - 1; i >= 1; i--) {
                out.write((lines[i] + "\n").getBytes(StandardCharsets.US_ASCII));
            }
        }
        return bytes.toByteArray();
    }
}
