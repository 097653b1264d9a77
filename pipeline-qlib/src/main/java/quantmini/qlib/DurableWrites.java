package quantmini.qlib;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import quantmini.core.Preconditions;

/**
 * Forces the {@code .bin} files of a build to disk before the build commits (swaps its staging
 * tree in, or writes the index files of an append). Forcing each file as it is written costs
 * one journal commit per file (measured here: ~4-6 ms each, serially, which is most of a build
 * of many small files); forcing them from several threads at once lets the file system merge the
 * commits (~0.2-1 ms a file). The files themselves need no temp-and-rename: a staging tree is
 * invisible until swapped, and an append is undone by its journal.
 */
final class DurableWrites implements AutoCloseable {
    private final ExecutorService pool;
    private final List<Future<?>> pending = new ArrayList<>();
    private final Set<Path> folders = new LinkedHashSet<>();

    DurableWrites(int threads) {
        Preconditions.checkArgument(threads > 0, "threads must be positive: %s", threads);
        this.pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "gold-fsync");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** {@code file} was written (created or grown): force it, in the background. */
    void written(Path file, boolean created) {
        pending.add(pool.submit(() -> {
            force(file);
            return null;
        }));
        if (created) {
            folders.add(file.getParent());
            folders.add(file.getParent().getParent());
        }
    }

    /** Waits until every written file and every folder that gained a file is on disk. */
    void flush() throws IOException {
        try {
            for (Future<?> future : pending) {
                future.get();
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException ? (IOException) e.getCause() : new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while forcing files to disk", e);
        }
        pending.clear();
        for (Path folder : folders) {
            forceFolder(folder);
        }
        folders.clear();
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }

    private static void force(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    private static void forceFolder(Path folder) {
        // Makes new names durable on Linux; other systems refuse to open a folder.
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not supported here
        }
    }
}
