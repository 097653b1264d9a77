package quantmini.ingest;

import static java.util.Objects.requireNonNull;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import quantmini.core.DataType;
import quantmini.core.ExitCode;
import quantmini.core.QuantminiException;
import quantmini.core.io.ReadAheadInputStream;
import quantmini.storage.LandingFileReader;

/**
 * Reads a Polygon flat file ({@code .csv.gz}) and fills {@link BarBatch}es with its good rows,
 * handing bad rows to a {@link RejectLog}. Works on the decompressed bytes directly: fields are
 * found by scanning for commas and numbers parsed in place, so the hot path creates no object per
 * row. Columns are matched by header name, in any order; lines may end in LF or CR LF, the last
 * one with or without a line end.
 *
 * <p>A file that cannot be read (no gzip, truncated stream, header without a required column)
 * raises a {@link QuantminiException} whose message is {@code <file>:<line>: <reason>}.
 */
final class FlatFileParser implements Closeable {
    static final List<String> COLUMNS = LandingFileReader.COLUMNS;
    private static final int TICKER = 0;
    private static final int VOLUME = 1;
    private static final int OPEN = 2;
    private static final int CLOSE = 3;
    private static final int HIGH = 4;
    private static final int LOW = 5;
    private static final int WINDOW_START = 6;
    private static final int TRANSACTIONS = 7;

    private static final int INFLATED_BUFFERS = 3;
    private static final int INFLATED_BUFFER_BYTES = 1 << 20;
    private static final double[] POWERS_OF_TEN = new double[23];

    static {
        POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
        }
    }

    private final Path file;
    private final InputStream in;
    private final boolean options;
    private final int dateDay;
    private final TickerDictionary tickers;
    private final RejectLog rejects;
    private final StagedBars staged = new StagedBars();

    private byte[] buffer = new byte[1 << 20];
    private int position;
    private int limit;
    private boolean endOfStream;
    private long lineNumber;
    private int lineStart;
    private int lineEnd;

    /** Source field position of each of {@link #COLUMNS}. */
    private final int[] fieldOfColumn = new int[COLUMNS.size()];
    private final int[] fieldStarts;
    private final int[] fieldEnds;
    private final int fieldCount;

    // results of the number parsers, to return two values without an object
    private long parsedLong;
    private double parsedDouble;
    private RejectReason parseError;

    /** The columns come in the order of {@link #COLUMNS}, as Polygon writes them: lines may take the fast way. */
    private final boolean standardLayout;

    // the current line's values, as read by either way
    private int rowTickerStart;
    private int rowTickerLength;
    private long rowVolume;
    private double rowOpen;
    private double rowClose;
    private double rowHigh;
    private double rowLow;
    private long rowWindowStartMicros;
    private long rowTransactions;

    // whether the rows seen so far came in bronze order
    private boolean inOrder = true;
    private int previousTickerId = -1;
    private long previousWindowStart;
    private long dataRows;
    private long goodRows;

    private FlatFileParser(Path file, InputStream in, DataType type, LocalDate date, TickerDictionary tickers, RejectLog rejects) {
        this.file = file;
        this.in = in;
        this.options = type.isOptions();
        this.dateDay = (int) date.toEpochDay();
        this.tickers = tickers;
        this.rejects = rejects;
        this.fieldCount = readHeader();
        boolean standard = fieldCount == COLUMNS.size();
        for (int column = 0; column < COLUMNS.size(); column++) {
            standard &= fieldOfColumn[column] == column;
        }
        this.standardLayout = standard;
        this.fieldStarts = new int[fieldCount + 1];
        this.fieldEnds = new int[fieldCount + 1];
    }

    /** Opens {@code file} and reads its header. */
    static FlatFileParser open(Path file, DataType type, LocalDate date, TickerDictionary tickers, RejectLog rejects) {
        requireNonNull(file, "file is null");
        requireNonNull(type, "type is null");
        requireNonNull(date, "date is null");
        InputStream in;
        try {
            if (Files.size(file) == 0) {
                throw failure(file, 1, "empty file (not even a gzip header)");
            }
            InputStream source = Files.newInputStream(file);
            try {
                source = new GZIPInputStream(new BufferedInputStream(source, 1 << 16), 1 << 16);
                // the inflate runs a few buffers ahead on a thread of its own, overlapping with the parse
                in = new ReadAheadInputStream(source, INFLATED_BUFFERS, INFLATED_BUFFER_BYTES, "inflate " + file.getFileName());
            } catch (IOException | RuntimeException | Error e) {
                closeQuietly(source); // no gzip header, or no thread for the read-ahead: the file is not left open
                throw e;
            }
        } catch (QuantminiException e) {
            throw e;
        } catch (IOException e) {
            throw failure(file, 1, "not a readable gzip file: " + e.getMessage());
        }
        return read(file, in, type, date, tickers, rejects);
    }

    /**
     * Reads the CSV text of {@code in} (already decompressed) and its header; {@code file} names
     * the source in messages. The parser closes {@code in}. Lets the microbenchmarks time the
     * parse apart from the inflate.
     */
    static FlatFileParser read(Path file, InputStream in, DataType type, LocalDate date, TickerDictionary tickers, RejectLog rejects) {
        requireNonNull(in, "in is null");
        try {
            requireNonNull(file, "file is null");
            requireNonNull(type, "type is null");
            requireNonNull(date, "date is null");
            requireNonNull(tickers, "tickers is null");
            requireNonNull(rejects, "rejects is null");
            return new FlatFileParser(file, in, type, date, tickers, rejects);
        } catch (RuntimeException e) {
            closeQuietly(in);
            throw e;
        }
    }

    /** Whether every good row so far came in bronze order, so that no sort is needed. */
    boolean inOrder() {
        return inOrder;
    }

    /** True when nothing but the end of the file follows the rows read so far. */
    boolean atEnd() {
        while (position == limit && !endOfStream) {
            fill();
        }
        return position == limit;
    }

    /** Data lines read so far (blank lines not counted), good and bad. */
    long dataRows() {
        return dataRows;
    }

    long goodRows() {
        return goodRows;
    }

    Path file() {
        return file;
    }

    /**
     * Resets {@code batch} and fills it with up to {@code maxRows} good rows. Returns false when
     * the file had no more rows (the batch is then empty).
     */
    boolean next(BarBatch batch, int maxRows) {
        // the batch starts at one stage of rows and grows to what the file fills (kept for its next
        // chunks): a daily file of 10,000 rows does not allocate and zero a chunk sized for minute files
        batch.reset(Math.min(maxRows, StagedBars.CAPACITY));
        int row = 0;
        while (row < maxRows && nextLine()) {
            if (lineEnd == lineStart) {
                continue;
            }
            dataRows++;
            if (parseRow(batch)) {
                row++;
            }
        }
        batch.append(staged, tickers, dateDay);
        batch.seal(row);
        goodRows += row;
        return row > 0;
    }

    /**
     * Reads the current line into the row fields and judges it. Two ways to read a line, one way
     * to judge it: a line of the standard layout in plain form takes one pass
     * ({@link #readPlainLine}); anything else (another column order, a sign, an empty field, a
     * number the fast way cannot hold exactly) is read by {@link #readAnyLine}, which names what is
     * wrong with it.
     */
    private boolean parseRow(BarBatch batch) {
        if (!(standardLayout && readPlainLine())) {
            RejectReason problem = readAnyLine();
            if (problem != null) {
                return reject(problem);
            }
        }
        if (rowVolume < 0 || rowTransactions < 0 || rowOpen < 0 || rowClose < 0 || rowHigh < 0 || rowLow < 0) {
            return reject(RejectReason.NEGATIVE_VALUE);
        }
        if (rowHigh < rowLow) {
            return reject(RejectReason.HIGH_BELOW_LOW);
        }
        int id = tickers.idOf(buffer, rowTickerStart, rowTickerLength);
        if (options && !tickers.isValidOption(id)) {
            return reject(RejectReason.BAD_OPTION_TICKER);
        }
        staged.add(id, rowVolume, rowOpen, rowHigh, rowLow, rowClose, rowWindowStartMicros, rowTransactions, lineNumber);
        if (staged.isFull()) {
            batch.append(staged, tickers, dateDay);
        }
        trackOrder(id, rowWindowStartMicros);
        return true;
    }

    /**
     * The fast way, for the standard column order: each field parsed as it is scanned, for the
     * forms a Polygon file writes (unsigned integers, unsigned decimals of at most 15 digits, a
     * 19-digit nanosecond window start). Returns false, having read nothing for certain, at the
     * first byte outside those forms; the line is then read again by {@link #readAnyLine}. Where it
     * returns true, {@link #readAnyLine} would have read the same values.
     */
    private boolean readPlainLine() {
        byte[] b = buffer;
        int end = lineEnd;
        int i = lineStart;
        while (i < end && b[i] != ',') {
            i++;
        }
        if (i == lineStart || i == end) {
            return false;
        }
        rowTickerStart = lineStart;
        rowTickerLength = i - lineStart;
        i = plainWhole(b, i + 1, end);
        if (i < 0 || i == end || b[i] != ',') {
            return false;
        }
        rowVolume = parsedLong;
        i = plainDecimal(b, i + 1, end);
        if (i < 0 || i == end || b[i] != ',') {
            return false;
        }
        rowOpen = parsedDouble;
        i = plainDecimal(b, i + 1, end);
        if (i < 0 || i == end || b[i] != ',') {
            return false;
        }
        rowClose = parsedDouble;
        i = plainDecimal(b, i + 1, end);
        if (i < 0 || i == end || b[i] != ',') {
            return false;
        }
        rowHigh = parsedDouble;
        i = plainDecimal(b, i + 1, end);
        if (i < 0 || i == end || b[i] != ',') {
            return false;
        }
        rowLow = parsedDouble;
        int windowStart = i + 1;
        i = plainWhole(b, windowStart, end);
        // 19 digits from 1 to 8 leave no room for an overflow; a value not a whole microsecond is judged the slow way
        if (i < 0 || i == end || b[i] != ',' || i - windowStart != 19 || b[windowStart] == '0' || b[windowStart] == '9'
                || parsedLong % 1000 != 0) {
            return false;
        }
        rowWindowStartMicros = parsedLong / 1000;
        i = plainWhole(b, i + 1, end);
        if (i != end) {
            return false;
        }
        rowTransactions = parsedLong;
        return true;
    }

    /** Digits only, 1 to 19 of them (18 for a field other than window_start is what the caller checks): the index after them, or -1. */
    private int plainWhole(byte[] b, int i, int end) {
        int start = i;
        long value = 0;
        while (i < end) {
            int digit = b[i] - '0';
            if (digit < 0 || digit > 9) {
                break;
            }
            value = value * 10 + digit;
            i++;
        }
        if (i == start || i - start > 19 || (i - start == 19 && b[start] > '8')) {
            return -1;
        }
        parsedLong = value;
        return i;
    }

    /**
     * Digits with at most one point, at least one digit and at most 15 digits in all: a mantissa
     * and a power of ten that are both exact doubles, so their quotient is the correctly rounded
     * value, as in {@link #parseDecimal}. The index after the number, or -1.
     */
    private int plainDecimal(byte[] b, int i, int end) {
        long mantissa = 0;
        int digits = 0;
        int decimals = -1;
        for (; i < end; i++) {
            int digit = b[i] - '0';
            if (digit >= 0 && digit <= 9) {
                mantissa = mantissa * 10 + digit;
                digits++;
                if (decimals >= 0) {
                    decimals++;
                }
            } else if (b[i] == '.' && decimals < 0) {
                decimals = 0;
            } else {
                break;
            }
        }
        if (digits == 0 || digits > 15) {
            return -1;
        }
        parsedDouble = decimals > 0 ? mantissa / POWERS_OF_TEN[decimals] : mantissa;
        return i;
    }

    /** The general way: any column order, every form {@link #parseWhole} and {@link #parseDecimal} accept; null when the line is good. */
    private RejectReason readAnyLine() {
        byte[] b = buffer;
        int fields = 0;
        int start = lineStart;
        for (int i = lineStart; i < lineEnd; i++) {
            if (b[i] == ',') {
                if (fields < fieldStarts.length) {
                    fieldStarts[fields] = start;
                    fieldEnds[fields] = i;
                }
                fields++;
                start = i + 1;
            }
        }
        if (fields < fieldStarts.length) {
            fieldStarts[fields] = start;
            fieldEnds[fields] = lineEnd;
        }
        fields++;
        if (fields < fieldCount) {
            return RejectReason.MISSING_FIELD;
        }
        if (fields > fieldCount) {
            return RejectReason.EXTRA_FIELD;
        }
        rowTickerStart = fieldStarts[fieldOfColumn[TICKER]];
        rowTickerLength = fieldEnds[fieldOfColumn[TICKER]] - rowTickerStart;
        if (rowTickerLength == 0) {
            return RejectReason.MISSING_FIELD;
        }
        if (!parseWhole(VOLUME)) {
            return parseError;
        }
        rowVolume = parsedLong;
        if (!parseDecimal(OPEN)) {
            return parseError;
        }
        rowOpen = parsedDouble;
        if (!parseDecimal(CLOSE)) {
            return parseError;
        }
        rowClose = parsedDouble;
        if (!parseDecimal(HIGH)) {
            return parseError;
        }
        rowHigh = parsedDouble;
        if (!parseDecimal(LOW)) {
            return parseError;
        }
        rowLow = parsedDouble;
        if (!parseWindowStart()) {
            return parseError;
        }
        rowWindowStartMicros = parsedLong;
        if (!parseWhole(TRANSACTIONS)) {
            return parseError;
        }
        rowTransactions = parsedLong;
        return null;
    }

    private void trackOrder(int id, long windowStartMicros) {
        if (inOrder && previousTickerId >= 0) {
            if (id == previousTickerId) {
                inOrder = windowStartMicros >= previousWindowStart;
            } else {
                inOrder = tickers.compare(previousTickerId, id) < 0;
            }
        }
        previousTickerId = id;
        previousWindowStart = windowStartMicros;
    }

    private boolean reject(RejectReason reason) {
        rejects.add(lineNumber, reason, new String(buffer, lineStart, lineEnd - lineStart, StandardCharsets.UTF_8));
        return false;
    }

    /** An integer column; a whole number written with a zero fraction ({@code 12.0}) is accepted. */
    private boolean parseWhole(int column) {
        int field = fieldOfColumn[column];
        int i = fieldStarts[field];
        int end = fieldEnds[field];
        if (i == end) {
            parseError = RejectReason.MISSING_FIELD;
            return false;
        }
        byte[] b = buffer;
        boolean negative = b[i] == '-';
        if (negative) {
            i++;
        }
        int digitsStart = i;
        long value = 0;
        while (i < end && b[i] >= '0' && b[i] <= '9') {
            if (value > (Long.MAX_VALUE - 9) / 10) {
                parseError = RejectReason.UNPARSEABLE_NUMBER;
                return false;
            }
            value = value * 10 + (b[i++] - '0');
        }
        if (i == digitsStart) {
            parseError = RejectReason.UNPARSEABLE_NUMBER;
            return false;
        }
        if (i < end && b[i] == '.') {
            boolean fraction = false;
            int fractionStart = ++i;
            while (i < end && b[i] >= '0' && b[i] <= '9') {
                fraction |= b[i++] != '0';
            }
            if (i < end || i == fractionStart) {
                parseError = RejectReason.UNPARSEABLE_NUMBER;
                return false;
            }
            if (fraction) {
                parseError = RejectReason.FRACTIONAL_VOLUME;
                return false;
            }
        }
        if (i < end) {
            parseError = RejectReason.UNPARSEABLE_NUMBER;
            return false;
        }
        parsedLong = negative ? -value : value;
        return true;
    }

    /**
     * A price. Up to 15 significant digits and 22 decimals (every real price) take the exact fast
     * path: mantissa and power of ten are exact doubles, so their quotient is correctly rounded,
     * as {@link Double#parseDouble} would round. Anything else goes through the JDK.
     */
    private boolean parseDecimal(int column) {
        int field = fieldOfColumn[column];
        int start = fieldStarts[field];
        int end = fieldEnds[field];
        if (start == end) {
            parseError = RejectReason.MISSING_FIELD;
            return false;
        }
        byte[] b = buffer;
        int i = start;
        boolean negative = b[i] == '-';
        if (negative) {
            i++;
        }
        long mantissa = 0;
        int digits = 0;
        int decimals = 0;
        boolean point = false;
        boolean simple = true;
        for (; i < end; i++) {
            byte c = b[i];
            if (c >= '0' && c <= '9') {
                if (mantissa != 0 || c != '0') {
                    digits++;
                }
                mantissa = digits <= 18 ? mantissa * 10 + (c - '0') : mantissa;
                if (point) {
                    decimals++;
                }
            } else if (c == '.' && !point) {
                point = true;
            } else {
                simple = false;
                break;
            }
        }
        int firstDigit = negative ? start + 1 : start;
        boolean hasDigit = end - firstDigit > (point ? 1 : 0);
        if (simple && hasDigit && digits <= 15 && decimals <= 22) {
            double value = mantissa / POWERS_OF_TEN[decimals];
            parsedDouble = negative ? -value : value;
            return true;
        }
        return parseDecimalSlowly(start, end);
    }

    private boolean parseDecimalSlowly(int start, int end) {
        for (int i = start; i < end; i++) {
            byte c = buffer[i];
            boolean allowed = (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E';
            if (!allowed) {
                parseError = RejectReason.UNPARSEABLE_NUMBER;
                return false;
            }
        }
        try {
            double value = Double.parseDouble(new String(buffer, start, end - start, StandardCharsets.US_ASCII));
            if (Double.isInfinite(value)) {
                parseError = RejectReason.UNPARSEABLE_NUMBER;
                return false;
            }
            parsedDouble = value;
            return true;
        } catch (NumberFormatException e) {
            parseError = RejectReason.UNPARSEABLE_NUMBER;
            return false;
        }
    }

    /**
     * Nanoseconds since the epoch, 19 digits (2001-09-09 to 2286): fewer or more digits mean a
     * damaged value (the real minute sample has 17), and a value that is not a whole microsecond
     * cannot be stored exactly in a microsecond timestamp.
     */
    private boolean parseWindowStart() {
        int field = fieldOfColumn[WINDOW_START];
        int start = fieldStarts[field];
        int end = fieldEnds[field];
        if (start == end) {
            parseError = RejectReason.MISSING_FIELD;
            return false;
        }
        byte[] b = buffer;
        long value = 0;
        for (int i = start; i < end; i++) {
            if (b[i] < '0' || b[i] > '9') {
                parseError = b[i] == '-' ? RejectReason.BAD_WINDOW_START : RejectReason.UNPARSEABLE_NUMBER;
                return false;
            }
            if (value > (Long.MAX_VALUE - 9) / 10) {
                parseError = RejectReason.BAD_WINDOW_START;
                return false;
            }
            value = value * 10 + (b[i] - '0');
        }
        if (end - start != 19 || b[start] == '0' || value % 1000 != 0) {
            parseError = RejectReason.BAD_WINDOW_START;
            return false;
        }
        parsedLong = value / 1000;
        return true;
    }

    private int readHeader() {
        if (!nextLine()) {
            throw failure(file, 1, "no header line (the file is empty)");
        }
        int start = lineStart;
        if (lineEnd - start >= 3 && buffer[start] == (byte) 0xEF && buffer[start + 1] == (byte) 0xBB && buffer[start + 2] == (byte) 0xBF) {
            start += 3; // UTF-8 byte order mark
        }
        String header = new String(buffer, start, lineEnd - start, StandardCharsets.UTF_8);
        String[] names = header.split(",", -1);
        Arrays.fill(fieldOfColumn, -1);
        for (int field = 0; field < names.length; field++) {
            String name = names[field].trim();
            int column = COLUMNS.indexOf(name);
            if (column < 0) {
                throw failure(file, 1, "unexpected column '" + name + "' in header (expected " + String.join(",", COLUMNS) + ")");
            }
            if (fieldOfColumn[column] >= 0) {
                throw failure(file, 1, "column '" + name + "' appears twice in header");
            }
            fieldOfColumn[column] = field;
        }
        for (int column = 0; column < COLUMNS.size(); column++) {
            if (fieldOfColumn[column] < 0) {
                throw failure(file, 1, "header lacks column '" + COLUMNS.get(column) + "' (expected " + String.join(",", COLUMNS) + ")");
            }
        }
        return names.length;
    }

    /** Moves to the next line; false at the end of the file. Strips the LF and a CR before it. */
    private boolean nextLine() {
        while (true) {
            for (int i = position; i < limit; i++) {
                if (buffer[i] == '\n') {
                    setLine(position, i);
                    position = i + 1;
                    return true;
                }
            }
            if (endOfStream) {
                if (position < limit) {
                    setLine(position, limit);
                    position = limit;
                    return true;
                }
                return false;
            }
            fill();
        }
    }

    private void setLine(int start, int end) {
        lineNumber++;
        lineStart = start;
        lineEnd = end > start && buffer[end - 1] == '\r' ? end - 1 : end;
    }

    private void fill() {
        int remaining = limit - position;
        if (position > 0) {
            System.arraycopy(buffer, position, buffer, 0, remaining);
        } else if (remaining == buffer.length) {
            buffer = Arrays.copyOf(buffer, buffer.length * 2); // a line longer than the buffer
        }
        position = 0;
        limit = remaining;
        try {
            while (limit < buffer.length) {
                int read = in.read(buffer, limit, buffer.length - limit);
                if (read < 0) {
                    endOfStream = true;
                    return;
                }
                limit += read;
            }
        } catch (IOException e) {
            throw failure(file, lineNumber + 1, "cannot read the gzip stream (" + e.getMessage() + ")");
        }
    }

    static QuantminiException failure(Path file, long line, String reason) {
        return new QuantminiException(ExitCode.JOB_FAILED, file + ":" + line + ": " + reason);
    }

    @Override
    public void close() {
        closeQuietly(in);
    }

    private static void closeQuietly(InputStream stream) {
        try {
            stream.close();
        } catch (IOException e) {
            // a read-only stream: nothing is lost
        }
    }
}
