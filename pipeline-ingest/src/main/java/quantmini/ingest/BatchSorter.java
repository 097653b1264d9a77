package quantmini.ingest;

/**
 * Puts a batch's rows in bronze order: by the ticker's rank (see {@link TickerDictionary#ranks}),
 * then window_start, then source line. A counting sort by rank does the bulk in linear time and
 * keeps line order; only a ticker whose rows came out of time order gets a (stable) merge sort
 * by window_start.
 */
final class BatchSorter {
    private BatchSorter() {}

    /** Row indices of {@code batch} in bronze order. */
    static int[] order(BarBatch batch, TickerDictionary tickers) {
        int rows = batch.rows();
        int[] ranks = tickers.ranks();
        int[] starts = new int[ranks.length + 1];
        int[] rankOfRow = new int[rows];
        for (int row = 0; row < rows; row++) {
            int rank = ranks[batch.tickerId.get(row)];
            rankOfRow[row] = rank;
            starts[rank + 1]++;
        }
        for (int r = 0; r < ranks.length; r++) {
            starts[r + 1] += starts[r];
        }
        int[] order = new int[rows];
        int[] next = starts.clone();
        for (int row = 0; row < rows; row++) {
            order[next[rankOfRow[row]]++] = row;
        }
        long[] windowStarts = new long[rows];
        for (int row = 0; row < rows; row++) {
            windowStarts[row] = batch.windowStart.get(row);
        }
        int[] scratch = null;
        for (int r = 0; r < ranks.length; r++) {
            int from = starts[r];
            int to = starts[r + 1];
            if (!ascending(order, windowStarts, from, to)) {
                if (scratch == null) {
                    scratch = new int[rows];
                }
                mergeSort(order, scratch, windowStarts, from, to);
            }
        }
        return order;
    }

    private static boolean ascending(int[] order, long[] keys, int from, int to) {
        for (int i = from + 1; i < to; i++) {
            if (keys[order[i - 1]] > keys[order[i]]) {
                return false;
            }
        }
        return true;
    }

    /** Stable: rows with equal window_start keep their (line) order. */
    private static void mergeSort(int[] a, int[] scratch, long[] keys, int from, int to) {
        if (to - from < 2) {
            return;
        }
        int mid = (from + to) >>> 1;
        mergeSort(a, scratch, keys, from, mid);
        mergeSort(a, scratch, keys, mid, to);
        if (keys[a[mid - 1]] <= keys[a[mid]]) {
            return;
        }
        System.arraycopy(a, from, scratch, from, to - from);
        int i = from;
        int j = mid;
        for (int k = from; k < to; k++) {
            if (j >= to || (i < mid && keys[scratch[i]] <= keys[scratch[j]])) {
                a[k] = scratch[i++];
            } else {
                a[k] = scratch[j++];
            }
        }
    }
}
