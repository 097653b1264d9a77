package quantmini.ingest;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.Arrays;
import quantmini.storage.ParquetTableWriter;

/**
 * The end of every ingest path: takes rows in bronze order, drops a repeated (ticker,
 * window_start) as a duplicate (the first row, by line, stays), writes the rest, and counts what
 * the day's metadata needs. Equal row sequences give equal files whichever mode produced them.
 */
final class BronzeRowSink {
    private final ParquetTableWriter writer;
    private final RejectLog rejects;
    private int previousTickerId = -1;
    private long previousWindowStart;
    private long rows;
    private long minWindowStart = Long.MAX_VALUE;
    private long maxWindowStart = Long.MIN_VALUE;
    private int[] tickerIds = new int[256];
    private long[] tickerRows = new long[256];
    private int tickers;

    BronzeRowSink(ParquetTableWriter writer, RejectLog rejects) {
        this.writer = requireNonNull(writer, "writer is null");
        this.rejects = requireNonNull(rejects, "rejects is null");
    }

    void accept(BarBatch batch, int row) throws IOException {
        if (count(batch, row)) {
            writer.write(batch.root, row);
        }
    }

    /** Every row of {@code batch} in its order; runs of rows without a duplicate go to the writer at once. */
    void acceptAll(BarBatch batch) throws IOException {
        int runStart = 0;
        for (int row = 0; row < batch.rows(); row++) {
            if (!count(batch, row)) {
                writer.write(batch.root, runStart, row);
                runStart = row + 1;
            }
        }
        writer.write(batch.root, runStart, batch.rows());
    }

    /** Counts row {@code row} as written, or logs it as a duplicate and returns false. */
    private boolean count(BarBatch batch, int row) {
        int tickerId = batch.tickerId.get(row);
        long windowStart = batch.windowStart.get(row);
        if (tickerId == previousTickerId && windowStart == previousWindowStart) {
            rejects.addDuplicate(batch.line.get(row));
            return false;
        }
        if (tickerId != previousTickerId) {
            if (tickers == tickerIds.length) {
                tickerIds = Arrays.copyOf(tickerIds, tickers * 2);
                tickerRows = Arrays.copyOf(tickerRows, tickers * 2);
            }
            tickerIds[tickers++] = tickerId;
            previousTickerId = tickerId;
        }
        tickerRows[tickers - 1]++;
        previousWindowStart = windowStart;
        rows++;
        minWindowStart = Math.min(minWindowStart, windowStart);
        maxWindowStart = Math.max(maxWindowStart, windowStart);
        return true;
    }

    void acceptAll(BarBatch batch, int[] order) throws IOException {
        for (int row : order) {
            accept(batch, row);
        }
    }

    long rows() {
        return rows;
    }

    long minWindowStart() {
        return minWindowStart;
    }

    long maxWindowStart() {
        return maxWindowStart;
    }

    int tickers() {
        return tickers;
    }

    int tickerId(int index) {
        return tickerIds[index];
    }

    long tickerRows(int index) {
        return tickerRows[index];
    }
}
