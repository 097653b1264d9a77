package quantmini.ingest;

/**
 * Parsed rows waiting, in plain arrays, to be moved into a {@link BarBatch} a few thousand at a
 * time. The parser's per-row work stays on Java arrays; Arrow's buffers, whose every access checks
 * bounds and reference counts, are written in column-long bulk copies by
 * {@link BarBatch#append(StagedBars, TickerDictionary, int)}. The ticker and what follows from it
 * (the OCC parts of an option) are kept as the dictionary id only.
 */
final class StagedBars {
    static final int CAPACITY = 8192;

    final int[] tickerId = new int[CAPACITY];
    final long[] volume = new long[CAPACITY];
    final double[] open = new double[CAPACITY];
    final double[] high = new double[CAPACITY];
    final double[] low = new double[CAPACITY];
    final double[] close = new double[CAPACITY];
    final long[] windowStart = new long[CAPACITY];
    final long[] transactions = new long[CAPACITY];
    final long[] line = new long[CAPACITY];
    int size;

    boolean isFull() {
        return size == CAPACITY;
    }

    void add(int id, long volumeValue, double openValue, double highValue, double lowValue, double closeValue,
            long windowStartMicros, long transactionsValue, long lineNumber) {
        int row = size++;
        tickerId[row] = id;
        volume[row] = volumeValue;
        open[row] = openValue;
        high[row] = highValue;
        low[row] = lowValue;
        close[row] = closeValue;
        windowStart[row] = windowStartMicros;
        transactions[row] = transactionsValue;
        line[row] = lineNumber;
    }

    void clear() {
        size = 0;
    }
}
