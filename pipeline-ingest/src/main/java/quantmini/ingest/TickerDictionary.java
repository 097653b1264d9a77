package quantmini.ingest;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;

/**
 * The distinct tickers of one file, each with a small id. The parser looks tickers up by their
 * bytes (no String per row); everything per ticker (its String, its OCC parts, its place in the
 * sort order) is computed once per distinct ticker. Not thread-safe: one per file.
 */
final class TickerDictionary {
    private static final int NOT_OPTION = Integer.MIN_VALUE;

    private final boolean options;
    private String[] tickers = new String[1024];
    private byte[][] tickerBytes = new byte[1024][];
    private byte[][] underlyings = new byte[1024][];
    private int[] expirationDays = new int[1024];
    private byte[] optionTypes = new byte[1024];
    private double[] strikes = new double[1024];
    private int size;
    private int[] table = new int[4096];
    private int[] ranks = new int[0];
    private int rankedSize = -1;
    private int lastId = -1;

    TickerDictionary(boolean options) {
        this.options = options;
    }

    int size() {
        return size;
    }

    /** The id of the ticker in {@code bytes[start, start+length)}, adding it when new. */
    int idOf(byte[] bytes, int start, int length) {
        // sorted files repeat a ticker row after row: the last one found is checked before hashing
        int last = lastId;
        if (last >= 0 && Arrays.equals(tickerBytes[last], 0, tickerBytes[last].length, bytes, start, start + length)) {
            return last;
        }
        lastId = find(bytes, start, length);
        return lastId;
    }

    private int find(byte[] bytes, int start, int length) {
        int hash = hash(bytes, start, length);
        int mask = table.length - 1;
        for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
            int entry = table[slot];
            if (entry == 0) {
                int id = add(bytes, start, length);
                table[slot] = id + 1;
                if (size * 2 > table.length) {
                    rehash();
                }
                return id;
            }
            int id = entry - 1;
            if (Arrays.equals(tickerBytes[id], 0, tickerBytes[id].length, bytes, start, start + length)) {
                return id;
            }
        }
    }

    String ticker(int id) {
        return tickers[id];
    }

    /** The ticker's UTF-8 bytes; the caller must not change them. */
    byte[] tickerBytes(int id) {
        return tickerBytes[id];
    }

    /** False for an options ticker that is no OCC symbol. */
    boolean isValidOption(int id) {
        return expirationDays[id] != NOT_OPTION;
    }

    /** The option's underlying as UTF-8 bytes (empty when no option); the caller must not change them. */
    byte[] underlying(int id) {
        return underlyings[id];
    }

    int expirationDay(int id) {
        return expirationDays[id];
    }

    byte optionType(int id) {
        return optionTypes[id];
    }

    double strike(int id) {
        return strikes[id];
    }

    /**
     * The bronze order of two tickers, comparing UTF-8 bytes unsigned (the order of Parquet's string
     * statistics and of DuckDB): by ticker for stocks; for options by underlying,
     * expiration, type and strike (DESIGN.md §2), the ticker breaking any tie.
     */
    int compare(int a, int b) {
        if (a == b) {
            return 0;
        }
        if (options) {
            int c = Arrays.compareUnsigned(underlyings[a], underlyings[b]);
            if (c == 0) {
                c = Integer.compare(expirationDays[a], expirationDays[b]);
            }
            if (c == 0) {
                c = Byte.compare(optionTypes[a], optionTypes[b]);
            }
            if (c == 0) {
                c = Double.compare(strikes[a], strikes[b]);
            }
            if (c != 0) {
                return c;
            }
        }
        return Arrays.compareUnsigned(tickerBytes[a], tickerBytes[b]);
    }

    /**
     * Each id's place in the order of {@link #compare}, over the tickers known now. Adding tickers
     * later keeps the relative order of the earlier ones, so ranks of one call compare like ranks
     * of another only within themselves: callers take a fresh array after the dictionary grew.
     */
    int[] ranks() {
        if (rankedSize != size) {
            Integer[] ids = new Integer[size];
            for (int i = 0; i < size; i++) {
                ids[i] = i;
            }
            Arrays.sort(ids, (Comparator<Integer>) (x, y) -> compare(x, y));
            ranks = new int[size];
            for (int r = 0; r < size; r++) {
                ranks[ids[r]] = r;
            }
            rankedSize = size;
        }
        return ranks;
    }

    private int add(byte[] bytes, int start, int length) {
        if (size == tickers.length) {
            int capacity = size * 2;
            tickers = Arrays.copyOf(tickers, capacity);
            tickerBytes = Arrays.copyOf(tickerBytes, capacity);
            underlyings = Arrays.copyOf(underlyings, capacity);
            expirationDays = Arrays.copyOf(expirationDays, capacity);
            optionTypes = Arrays.copyOf(optionTypes, capacity);
            strikes = Arrays.copyOf(strikes, capacity);
        }
        int id = size++;
        String ticker = new String(bytes, start, length, StandardCharsets.UTF_8);
        tickers[id] = ticker;
        tickerBytes[id] = Arrays.copyOfRange(bytes, start, start + length);
        expirationDays[id] = NOT_OPTION;
        underlyings[id] = new byte[0];
        if (options) {
            Optional<OptionContract> contract = OptionContract.parse(ticker);
            if (contract.isPresent()) {
                OptionContract c = contract.get();
                underlyings[id] = c.underlying().getBytes(StandardCharsets.UTF_8);
                expirationDays[id] = (int) c.expiration().toEpochDay();
                optionTypes[id] = (byte) c.optionType();
                strikes[id] = c.strike();
            }
        }
        return id;
    }

    private void rehash() {
        int[] bigger = new int[table.length * 2];
        int mask = bigger.length - 1;
        for (int id = 0; id < size; id++) {
            int slot = hash(tickerBytes[id], 0, tickerBytes[id].length) & mask;
            while (bigger[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            bigger[slot] = id + 1;
        }
        table = bigger;
    }

    private static int hash(byte[] bytes, int start, int length) {
        int h = 0x811C9DC5;
        for (int i = start; i < start + length; i++) {
            h = (h ^ bytes[i]) * 0x01000193;
        }
        return h ^ (h >>> 16);
    }
}
