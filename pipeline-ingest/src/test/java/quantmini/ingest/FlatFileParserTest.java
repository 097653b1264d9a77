package quantmini.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quantmini.core.DataType;
import quantmini.core.ExitCode;
import quantmini.core.QuantminiException;

class FlatFileParserTest {
    private static final LocalDate DAY = LocalDate.of(2024, 3, 28);

    @TempDir
    Path root;

    private Path gz(String text) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        Path file = Files.createTempFile(root, "f", ".csv.gz");
        Files.write(file, bytes.toByteArray());
        return file;
    }

    @Test
    void columnsAreFoundByNameInAnyOrderAndLineEndsMayVary() throws Exception {
        Path file = gz("window_start,ticker,transactions,low,high,close,open,volume\r\n"
                + "1711632600000000000,BRK.A,3,600000.5,600100,600050.25,600001,12.0\r\n"
                + "\r\n"
                + "1711632660000000000,ALLpB,1,0.0101,0.0105,0.0103,0.0102,7");
        try (RootAllocator allocator = new RootAllocator(); BarBatch batch = new BarBatch(DataType.STOCKS_MINUTE, allocator)) {
            RejectLog rejects = new RejectLog();
            try (FlatFileParser parser = FlatFileParser.open(file, DataType.STOCKS_MINUTE, DAY, new TickerDictionary(false), rejects)) {
                assertTrue(parser.next(batch, 10));
                assertEquals(2, batch.rows());
                assertEquals("BRK.A", new String(batch.ticker.get(0), StandardCharsets.UTF_8));
                assertEquals(12, batch.volume.get(0));
                assertEquals(600001.0, batch.open.get(0));
                assertEquals(600050.25, batch.close.get(0));
                assertEquals(1711632600000000L, batch.windowStart.get(0));
                assertEquals(2, batch.line.get(0));
                assertEquals("ALLpB", new String(batch.ticker.get(1), StandardCharsets.UTF_8));
                assertEquals(0.0102, batch.open.get(1));
                assertEquals(4, batch.line.get(1));
                assertEquals((int) DAY.toEpochDay(), batch.date.get(1));
                assertFalse(parser.next(batch, 10));
                assertEquals(2, parser.dataRows());
            }
            assertEquals(0, rejects.count());
        }
    }

    @Test
    void pricesParseExactlyAsTheJdkParsesThem() throws Exception {
        Random random = new Random(7);
        StringBuilder csv = new StringBuilder("ticker,volume,open,close,high,low,window_start,transactions\n");
        String[] prices = new String[2000];
        for (int i = 0; i < prices.length; i++) {
            int decimals = random.nextInt(7);
            long units = (long) (random.nextDouble() * Math.pow(10, 3 + random.nextInt(10)));
            String digits = Long.toString(units);
            prices[i] = decimals == 0 || digits.length() <= decimals ? digits
                    : digits.substring(0, digits.length() - decimals) + "." + digits.substring(digits.length() - decimals);
            if (i % 97 == 0) {
                prices[i] = "1.5e3"; // the slow path
            }
            csv.append("T").append(i).append(",1,").append(prices[i]).append(",1,1e300,0,")
                    .append(1711632600000000000L + i * 60_000_000_000L).append(",1\n");
        }
        try (RootAllocator allocator = new RootAllocator(); BarBatch batch = new BarBatch(DataType.STOCKS_DAILY, allocator);
                FlatFileParser parser = FlatFileParser.open(gz(csv.toString()), DataType.STOCKS_DAILY, DAY, new TickerDictionary(false), new RejectLog())) {
            assertTrue(parser.next(batch, Integer.MAX_VALUE));
            assertEquals(prices.length, batch.rows());
            for (int i = 0; i < prices.length; i++) {
                assertEquals(Double.parseDouble(prices[i]), batch.open.get(i), prices[i]);
            }
        }
    }

    @Test
    void readsInflatedTextFromAStreamAsItReadsTheFile() throws Exception {
        String csv = "ticker,volume,open,close,high,low,window_start,transactions\n"
                + "AAPL,100,171.5,171.25,171.75,171.0,1711632600000000000,12\n"
                + "ZZZ,5,1.0,1.0,1.0,x,1711632600000000000,1\n";
        Path name = Path.of("in-memory.csv");
        RejectLog rejects = new RejectLog();
        try (RootAllocator allocator = new RootAllocator(); BarBatch batch = new BarBatch(DataType.STOCKS_MINUTE, allocator);
                FlatFileParser parser = FlatFileParser.read(name, new ByteArrayInputStream(csv.getBytes(StandardCharsets.US_ASCII)),
                        DataType.STOCKS_MINUTE, DAY, new TickerDictionary(false), rejects)) {
            assertTrue(parser.next(batch, 10));
            assertEquals(1, batch.rows());
            assertEquals(171.25, batch.close.get(0));
            assertEquals(2, parser.dataRows());
        }
        assertEquals(List.of(RejectReason.UNPARSEABLE_NUMBER), rejects.sorted().stream().map(RejectedRow::reason).toList());
        QuantminiException e = assertThrows(QuantminiException.class, () -> FlatFileParser.read(name,
                new ByteArrayInputStream(new byte[0]), DataType.STOCKS_MINUTE, DAY, new TickerDictionary(false), new RejectLog()));
        assertEquals("in-memory.csv:1: no header line (the file is empty)", e.getMessage());
    }

    @Test
    void unreadableHeadersNameFileLineAndColumn() throws Exception {
        Path missing = gz("ticker,volume,open,close,high,low,window_start\nA,1,1,1,1,1,1711632600000000000\n");
        QuantminiException e = assertThrows(QuantminiException.class,
                () -> FlatFileParser.open(missing, DataType.STOCKS_DAILY, DAY, new TickerDictionary(false), new RejectLog()));
        assertEquals(ExitCode.JOB_FAILED, e.exitCode());
        assertTrue(e.getMessage().startsWith(missing + ":1: header lacks column 'transactions'"), e.getMessage());
        Path twice = gz("ticker,volume,open,close,high,low,window_start,transactions,ticker\n");
        e = assertThrows(QuantminiException.class,
                () -> FlatFileParser.open(twice, DataType.STOCKS_DAILY, DAY, new TickerDictionary(false), new RejectLog()));
        assertTrue(e.getMessage().contains("appears twice"), e.getMessage());
    }

    @Test
    void rowLevelRulesGiveTheirReasons() throws Exception {
        List<String> rows = List.of(
                "A,1,1,1,1,1,1711632600000000000,1",       // good
                "B,1,1,1,1,1,1711632600000000001,1",       // not a whole microsecond
                "C,1,1,1,1,1,17116326000000000,1",         // 17 digits
                "D,-1,1,1,1,1,1711632600000000000,1",      // negative volume
                "E,1,1,1,1,1,1711632600000000000,1.5",     // fractional transactions
                "F,1,1,1,abc,1,1711632600000000000,1",     // unparseable
                "G,1,1,1,1,,1711632600000000000,1",        // empty low
                ",1,1,1,1,1,1711632600000000000,1",        // empty ticker
                "O:BAD,1,1,1,1,1,1711632600000000000,1");  // options ticker without OCC parts (stocks: fine)
        String csv = "ticker,volume,open,close,high,low,window_start,transactions\n" + String.join("\n", rows) + "\n";
        RejectLog rejects = new RejectLog();
        try (RootAllocator allocator = new RootAllocator(); BarBatch batch = new BarBatch(DataType.OPTIONS_DAILY, allocator);
                FlatFileParser parser = FlatFileParser.open(gz(csv), DataType.OPTIONS_DAILY, DAY, new TickerDictionary(true), rejects)) {
            assertFalse(parser.next(batch, 100));
        }
        List<RejectReason> reasons = rejects.sorted().stream().map(RejectedRow::reason).toList();
        assertEquals(List.of(RejectReason.BAD_OPTION_TICKER, RejectReason.BAD_WINDOW_START, RejectReason.BAD_WINDOW_START,
                RejectReason.NEGATIVE_VALUE, RejectReason.FRACTIONAL_VOLUME, RejectReason.UNPARSEABLE_NUMBER,
                RejectReason.MISSING_FIELD, RejectReason.MISSING_FIELD, RejectReason.BAD_OPTION_TICKER), reasons);
        assertEquals(2, rejects.sorted().get(0).lineNumber());
    }

    /** The standard column order, whose plain lines take the parser's fast way, and an order that forces the general way. */
    private static final List<Integer> PERMUTED = List.of(6, 0, 7, 5, 4, 3, 2, 1);

    private static String field(Random random, int column) {
        String[] decimals = {"0", "1", "171.25", "0.0102", "007.50", "1.", ".5", "123456789012345", "1234567890123456",
            "0.000000000000001", "99999.999999999", "1.5e3", "-1", "-0.0", "", "1..2", "abc", "12345678901234567890"};
        String[] wholes = {"0", "7", "0012", "12.0", "12.5", "-3", "", "x", "999999999999999999", "8999999999999999999",
            "9999999999999999999", "92233720368547758070"};
        String[] windowStarts = {"1711632600000000000", "1711632600000000001", "17116326000000000", "0711632600000000000",
            "8999999999999999000", "9000000000000000000", "9223372036854775000", "-1711632600000000000", "", "1711632600000000000.0"};
        if (column == 0) {
            return random.nextInt(20) == 0 ? "" : "T" + random.nextInt(50);
        }
        if (column == 6) {
            return random.nextInt(3) == 0 ? windowStarts[random.nextInt(windowStarts.length)]
                    : Long.toString(1_711_632_600_000_000_000L + random.nextInt(1000) * 60_000_000_000L);
        }
        String[] forms = column == 1 || column == 7 ? wholes : decimals;
        return random.nextInt(3) == 0 ? forms[random.nextInt(forms.length)] : forms[random.nextInt(4)];
    }

    private record Parsed(List<List<Object>> rows, List<RejectedRow> rejects) {}

    private Parsed parse(List<String[]> lines, List<Integer> order) throws Exception {
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < order.size(); i++) {
            csv.append(i == 0 ? "" : ",").append(FlatFileParser.COLUMNS.get(order.get(i)));
        }
        csv.append('\n');
        for (String[] line : lines) {
            for (int i = 0; i < order.size(); i++) {
                csv.append(i == 0 ? "" : ",").append(line[order.get(i)]);
            }
            csv.append(line.length > 8 ? line[8] : "").append('\n');
        }
        RejectLog rejects = new RejectLog();
        List<List<Object>> rows = new java.util.ArrayList<>();
        try (RootAllocator allocator = new RootAllocator(); BarBatch batch = new BarBatch(DataType.STOCKS_DAILY, allocator);
                FlatFileParser parser = FlatFileParser.open(gz(csv.toString()), DataType.STOCKS_DAILY, DAY, new TickerDictionary(false), rejects)) {
            while (parser.next(batch, 1000)) {
                for (int r = 0; r < batch.rows(); r++) {
                    rows.add(List.of(new String(batch.ticker.get(r), StandardCharsets.UTF_8), batch.volume.get(r),
                            Double.doubleToRawLongBits(batch.open.get(r)), Double.doubleToRawLongBits(batch.close.get(r)),
                            Double.doubleToRawLongBits(batch.high.get(r)), Double.doubleToRawLongBits(batch.low.get(r)),
                            batch.windowStart.get(r), batch.transactions.get(r), batch.line.get(r)));
                }
            }
        }
        return new Parsed(rows, rejects.sorted());
    }

    @Test
    void theFastWayForPlainLinesReadsWhatTheGeneralWayReads() throws Exception {
        Random random = new Random(11);
        List<String[]> lines = new java.util.ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            String[] line = new String[i % 500 == 7 ? 9 : 8];
            for (int column = 0; column < 8; column++) {
                line[column] = field(random, column);
            }
            if (line.length == 9) {
                line[8] = ",extra";
            }
            lines.add(line);
        }
        Parsed fast = parse(lines, List.of(0, 1, 2, 3, 4, 5, 6, 7));
        Parsed general = parse(lines, PERMUTED);
        assertTrue(fast.rows().size() > 3_000, "plenty of good rows: " + fast.rows().size());
        assertTrue(fast.rejects().size() > 3_000, "plenty of bad rows: " + fast.rejects().size());
        assertSameItems(general.rows(), fast.rows());
        assertSameItems(general.rejects().stream().map(r -> r.lineNumber() + " " + r.reason()).toList(),
                fast.rejects().stream().map(r -> r.lineNumber() + " " + r.reason()).toList());
    }

    /** Names the first item that differs instead of printing two lists of thousands. */
    private static <T> void assertSameItems(List<T> expected, List<T> actual) {
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            assertEquals(expected.get(i), actual.get(i), "item " + i);
        }
        assertEquals(expected.size(), actual.size(), "items");
    }

    /**
     * Rows move from the parser's stage into the batch 8 Ki at a time: whatever the chunk size (a
     * whole file growing one batch, chunks just under, at and over a stage, tiny ones reusing the
     * batch), every value of every column arrives in its row and no value is null.
     */
    @Test
    void aBatchHoldsEveryValueWhateverTheChunkSize() throws Exception {
        Random random = new Random(5);
        String[] tickers = new String[300];
        for (int i = 0; i < tickers.length; i++) {
            String underlying = "U" + "ABCDEFGHIJ".substring(0, 1 + random.nextInt(9));
            tickers[i] = "O:" + underlying + "2501" + (10 + random.nextInt(18)) + (random.nextBoolean() ? "C" : "P")
                    + String.format("%08d", random.nextInt(99_999_999));
        }
        StringBuilder csv = new StringBuilder("ticker,volume,open,close,high,low,window_start,transactions\n");
        List<String[]> good = new java.util.ArrayList<>();
        for (int i = 0; i < 40_001; i++) {
            String[] fields = {tickers[random.nextInt(tickers.length)], "" + random.nextInt(100_000), "1." + random.nextInt(100),
                "2." + random.nextInt(100), "5", "0.5", "" + (1_711_632_600_000_000_000L + 60_000_000_000L * random.nextInt(500)),
                "" + random.nextInt(50)};
            if (i % 1000 == 3) {
                csv.append("bad,line\n");
            }
            csv.append(String.join(",", fields)).append('\n');
            good.add(fields);
        }
        Path file = gz(csv.toString());
        for (int maxRows : new int[] {Integer.MAX_VALUE, 8191, 8192, 8193, 10_007, 3}) {
            try (RootAllocator allocator = new RootAllocator(); BarBatch batch = new BarBatch(DataType.OPTIONS_MINUTE, allocator);
                    FlatFileParser parser = FlatFileParser.open(file, DataType.OPTIONS_MINUTE, DAY, new TickerDictionary(true), new RejectLog())) {
                int seen = 0;
                while (parser.next(batch, maxRows)) {
                    for (int row = 0; row < batch.rows(); row++, seen++) {
                        String[] fields = good.get(seen);
                        String where = "chunks of " + maxRows + ", row " + seen;
                        for (org.apache.arrow.vector.FieldVector vector : batch.root.getFieldVectors()) {
                            assertFalse(vector.isNull(row), where + ": " + vector.getName());
                        }
                        OptionContract contract = OptionContract.parse(fields[0]).orElseThrow();
                        assertEquals(fields[0], new String(batch.ticker.get(row), StandardCharsets.UTF_8), where);
                        assertEquals(contract.underlying(), new String(batch.underlying.get(row), StandardCharsets.UTF_8), where);
                        assertEquals(String.valueOf(contract.optionType()), new String(batch.optionType.get(row), StandardCharsets.UTF_8), where);
                        assertEquals((int) contract.expiration().toEpochDay(), batch.expiration.get(row), where);
                        assertEquals(contract.strike(), batch.strike.get(row), where);
                        assertEquals(Long.parseLong(fields[1]), batch.volume.get(row), where);
                        assertEquals(Double.parseDouble(fields[2]), batch.open.get(row), where);
                        assertEquals(Double.parseDouble(fields[3]), batch.close.get(row), where);
                        assertEquals(Long.parseLong(fields[6]) / 1000, batch.windowStart.get(row), where);
                        assertEquals(Long.parseLong(fields[7]), batch.transactions.get(row), where);
                        assertEquals((int) DAY.toEpochDay(), batch.date.get(row), where);
                    }
                    assertEquals(batch.rows(), batch.ticker.getValueCount());
                }
                assertEquals(good.size(), seen, "chunks of " + maxRows);
            }
        }
    }
}
