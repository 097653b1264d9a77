package quantmini.core.io;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A few independent file reads or writes at once (the metadata tables of a run, say): each waits
 * on its own file, its own fsync, its own decode, so together they take about as long as the
 * longest instead of the sum.
 */
public final class ConcurrentIo {
    private ConcurrentIo() {}

    /** One read or write that may fail with an {@link IOException}. */
    @FunctionalInterface
    public interface Task<T> {
        T call() throws IOException;
    }

    /**
     * Runs {@code tasks} on a thread each and returns their results in order. When any fails, the
     * others still run to their end (none is left half-done in the background), then the first
     * failure in task order is thrown.
     */
    public static <T> List<T> run(List<Task<T>> tasks) throws IOException {
        requireNonNull(tasks, "tasks is null");
        if (tasks.size() <= 1) {
            List<T> results = new ArrayList<>();
            for (Task<T> task : tasks) {
                results.add(task.call());
            }
            return results;
        }
        ExecutorService threads = Executors.newFixedThreadPool(tasks.size(), runnable -> {
            Thread thread = new Thread(runnable, "concurrent-io");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Task<T> task : tasks) {
                futures.add(threads.submit(task::call));
            }
            List<T> results = new ArrayList<>();
            Throwable failure = null;
            boolean interrupted = false;
            for (Future<T> future : futures) {
                while (true) {
                    try {
                        results.add(future.get());
                        break;
                    } catch (InterruptedException e) {
                        interrupted = true; // the tasks are not abandoned half-done; ask again
                    } catch (ExecutionException e) {
                        failure = failure == null ? e.getCause() : failure;
                        results.add(null);
                        break;
                    }
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
                if (failure == null) {
                    failure = new InterruptedIOException("interrupted while waiting for file operations");
                }
            }
            if (failure instanceof IOException e) {
                throw e;
            }
            if (failure instanceof RuntimeException e) {
                throw e;
            }
            if (failure instanceof Error e) {
                throw e;
            }
            return results;
        } finally {
            threads.shutdown();
        }
    }
}
