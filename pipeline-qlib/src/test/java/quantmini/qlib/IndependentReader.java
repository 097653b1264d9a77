package quantmini.qlib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a tree against its Parquet input with nothing of the production code: DuckDB reads the
 * input, a plain little-endian ByteBuffer reads the .bin files, and change and vwap are computed
 * here from their definitions.
 */
final class IndependentReader {
    /** What a check covered. */
    record Coverage(int tickers, long values, long rowsOutsideCalendar) {}

    private IndependentReader() {}

    /**
     * @param layerRoot the bronze or silver root of the type
     * @param minute whether the tree is a 1min tree (entries from window_start in New York time)
     * @param vwapColumn whether vwap comes from the input's column (else the typical price)
     * @param features input columns that are fields as they are (beyond open..volume)
     */
    static Coverage verify(Path layerRoot, Path tree, boolean minute, boolean vwapColumn, List<String> features) throws IOException {
        String freq = minute ? "1min" : "day";
        List<String> calendar = Files.readAllLines(tree.resolve("calendars/" + freq + ".txt"), StandardCharsets.UTF_8);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < calendar.size(); i++) {
            index.put(calendar.get(i), i);
        }
        assertEquals(calendar.size(), index.size(), "calendar entries are unique");
        String entry = minute
                ? "strftime(timezone('America/New_York', window_start), '%Y-%m-%d %H:%M:%S')"
                : "strftime(date, '%Y-%m-%d')";
        StringBuilder columns = new StringBuilder("ticker, " + entry + ", open, high, low, close, volume");
        if (vwapColumn) {
            columns.append(", vwap");
        }
        for (String feature : features) {
            columns.append(", ").append(feature);
        }
        String sql = "SELECT " + columns + " FROM read_parquet('" + layerRoot + "/**/*.parquet', union_by_name = true)"
                + " ORDER BY ticker, window_start";
        int tickers = 0;
        long values = 0;
        long outside = 0;
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duckdb.createStatement()) {
            statement.execute("SET TimeZone = 'UTC'");
            try (ResultSet rows = statement.executeQuery(sql)) {
                String current = null;
                List<double[]> bars = new ArrayList<>();
                List<Integer> at = new ArrayList<>();
                int width = 5 + (vwapColumn ? 1 : 0) + features.size();
                while (true) {
                    boolean more = rows.next();
                    String ticker = more ? rows.getString(1) : null;
                    if (current != null && !current.equals(ticker)) {
                        if (!at.isEmpty()) {
                            values += checkTicker(tree, freq, current, at, bars, vwapColumn, features);
                            tickers++;
                        }
                        bars.clear();
                        at.clear();
                    }
                    if (!more) {
                        break;
                    }
                    current = ticker;
                    Integer i = index.get(rows.getString(2));
                    if (i == null) {
                        outside++;
                        continue;
                    }
                    double[] bar = new double[width];
                    for (int c = 0; c < width; c++) {
                        bar[c] = rows.getDouble(3 + c);
                        if (rows.wasNull()) {
                            bar[c] = Double.NaN;
                        }
                    }
                    at.add(i);
                    bars.add(bar);
                }
            }
        } catch (SQLException e) {
            throw new IOException(e);
        }
        return new Coverage(tickers, values, outside);
    }

    private static long checkTicker(Path tree, String freq, String ticker, List<Integer> at, List<double[]> bars,
            boolean vwapColumn, List<String> features) throws IOException {
        Path folder = tree.resolve("features").resolve(TreeBytes.folderOf(ticker));
        int first = at.get(0);
        int last = at.get(at.size() - 1);
        Map<String, float[]> expected = new HashMap<>();
        List<String> fields = new ArrayList<>(List.of("open", "high", "low", "close", "volume", "vwap", "change", "factor"));
        fields.addAll(features);
        for (String field : fields) {
            float[] column = new float[last - first + 1];
            java.util.Arrays.fill(column, Float.NaN);
            expected.put(field, column);
        }
        double previousClose = Double.NaN;
        for (int r = 0; r < at.size(); r++) {
            double[] b = bars.get(r);
            int k = at.get(r) - first;
            expected.get("open")[k] = (float) b[0];
            expected.get("high")[k] = (float) b[1];
            expected.get("low")[k] = (float) b[2];
            expected.get("close")[k] = (float) b[3];
            expected.get("volume")[k] = (float) b[4];
            expected.get("vwap")[k] = (float) (vwapColumn ? b[5] : (b[1] + b[2] + b[3]) / 3);
            expected.get("change")[k] = (float) (b[3] / previousClose - 1);
            expected.get("factor")[k] = 1f;
            for (int f = 0; f < features.size(); f++) {
                expected.get(features.get(f))[k] = (float) b[5 + (vwapColumn ? 1 : 0) + f];
            }
            previousClose = b[3];
        }
        long checked = 0;
        for (String field : fields) {
            Path file = folder.resolve(field + "." + freq + ".bin");
            assertTrue(Files.exists(file), "missing " + file);
            float[] stored = TreeBytes.floats(file);
            assertEquals(last - first + 2, stored.length, ticker + " " + field + " length");
            assertEquals((float) first, stored[0], ticker + " " + field + " start index");
            float[] want = expected.get(field);
            for (int k = 0; k < want.length; k++) {
                int offset = k;
                assertEquals(Float.floatToIntBits(want[k]), Float.floatToIntBits(stored[k + 1]),
                        () -> ticker + " " + field + " at calendar index " + (first + offset) + ": expected " + want[offset]
                                + ", stored " + stored[offset + 1]);
                checked++;
            }
        }
        return checked;
    }
}
