package quantmini.ingest;

import static java.util.Objects.requireNonNull;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import quantmini.core.DataType;

/**
 * The external sort of the streaming mode: each chunk is sorted and written to its own Arrow IPC
 * file in a private folder under the lake's spill root, then all runs are merged row by row into
 * the sink. Memory holds one small batch per run while merging, whatever the file's size. The
 * folder is deleted on close, also after a failure.
 */
final class SpilledRuns implements Closeable {
    /** Rows per record batch in a run file: what the merge holds in memory per run. */
    static final int RUN_BATCH_ROWS = 16_384;

    private final Path folder;
    private final DataType type;
    private final BufferAllocator allocator;
    private final List<Path> runs = new ArrayList<>();

    SpilledRuns(Path spillRoot, DataType type, BufferAllocator allocator) throws IOException {
        requireNonNull(spillRoot, "spillRoot is null");
        this.type = requireNonNull(type, "type is null");
        this.allocator = requireNonNull(allocator, "allocator is null");
        Files.createDirectories(spillRoot);
        this.folder = Files.createTempDirectory(spillRoot, "ingest-" + type.id() + "-");
    }

    /**
     * Deletes spill folders of {@code type} that a killed run left under {@code spillRoot}. Call
     * before a run's first file, while holding the run lock.
     */
    static void removeLeftovers(Path spillRoot, DataType type) throws IOException {
        if (!Files.isDirectory(spillRoot)) {
            return;
        }
        try (Stream<Path> folders = Files.list(spillRoot)) {
            for (Path folder : (Iterable<Path>) folders::iterator) {
                if (Files.isDirectory(folder) && folder.getFileName().toString().startsWith("ingest-" + type.id() + "-")) {
                    try (Stream<Path> files = Files.list(folder)) {
                        for (Path file : (Iterable<Path>) files::iterator) {
                            Files.deleteIfExists(file);
                        }
                    }
                    Files.deleteIfExists(folder);
                }
            }
        }
    }

    int runs() {
        return runs.size();
    }

    /** Writes {@code batch}'s rows in {@code order} as the next run. */
    void add(BarBatch batch, int[] order) throws IOException {
        Path file = folder.resolve(String.format("run-%05d.arrow", runs.size()));
        try (BarBatch staging = new BarBatch(type, allocator);
                FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                ArrowFileWriter writer = new ArrowFileWriter(staging.root, null, channel)) {
            writer.start();
            for (int from = 0; from < order.length; from += RUN_BATCH_ROWS) {
                staging.reset(0);
                int to = Math.min(order.length, from + RUN_BATCH_ROWS);
                for (int i = from; i < to; i++) {
                    staging.appendFrom(batch, order[i]);
                }
                staging.seal(to - from);
                writer.writeBatch();
            }
            writer.end();
        }
        runs.add(file);
    }

    /** Merges every run into {@code sink} in bronze order (ticker rank, window_start, line). */
    void mergeInto(BronzeRowSink sink, TickerDictionary tickers) throws IOException {
        int[] ranks = tickers.ranks();
        List<Run> open = new ArrayList<>();
        try {
            for (Path file : runs) {
                Run run = new Run(file);
                open.add(run);
                run.advance();
            }
            Comparator<Run> order = (a, b) -> {
                int c = Integer.compare(ranks[a.tickerId()], ranks[b.tickerId()]);
                if (c == 0) {
                    c = Long.compare(a.windowStart(), b.windowStart());
                }
                return c != 0 ? c : Long.compare(a.line(), b.line());
            };
            java.util.PriorityQueue<Run> heap = new java.util.PriorityQueue<>(Math.max(1, open.size()), order);
            for (Run run : open) {
                if (!run.exhausted) {
                    heap.add(run);
                }
            }
            while (!heap.isEmpty()) {
                Run head = heap.poll();
                sink.accept(head.batch, head.row);
                if (head.advance()) {
                    heap.add(head);
                }
            }
        } finally {
            for (Run run : open) {
                run.close();
            }
        }
    }

    @Override
    public void close() throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(file);
            }
        }
        Files.deleteIfExists(folder);
    }

    /** A cursor over one run file. */
    private final class Run implements Closeable {
        private final FileChannel channel;
        private final ArrowFileReader reader;
        private final BarBatch batch;
        private int row = -1;
        private boolean exhausted;

        Run(Path file) throws IOException {
            this.channel = FileChannel.open(file, StandardOpenOption.READ);
            this.reader = new ArrowFileReader(channel, allocator);
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            this.batch = new BarBatch(root, type.isOptions());
        }

        /** Moves to the next row; false (and exhausted) at the run's end. */
        boolean advance() throws IOException {
            row++;
            while (row >= batch.root.getRowCount()) {
                if (!reader.loadNextBatch()) {
                    exhausted = true;
                    return false;
                }
                row = 0;
            }
            return true;
        }

        int tickerId() {
            return batch.tickerId.get(row);
        }

        long windowStart() {
            return batch.windowStart.get(row);
        }

        long line() {
            return batch.line.get(row);
        }

        @Override
        public void close() throws IOException {
            reader.close();
            channel.close();
        }
    }
}
