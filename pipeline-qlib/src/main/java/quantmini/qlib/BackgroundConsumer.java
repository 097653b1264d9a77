package quantmini.qlib;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

/**
 * Runs a consumer on its own thread, in order, behind a bounded queue: while DuckDB's reader
 * thread decodes the next tickers, this one computes and writes the files of the previous ones
 * (on two cores a build then costs about the larger of the two, not their sum). A failure of the
 * consumer stops the producer at its next item and is rethrown by {@link #finish()}.
 */
final class BackgroundConsumer<T> implements Consumer<T>, AutoCloseable {
    private static final Object END = new Object();

    private final BlockingQueue<Object> queue;
    private final Thread worker;
    private volatile Throwable failure;

    BackgroundConsumer(String name, int capacity, Consumer<T> consumer) {
        requireNonNull(consumer, "consumer is null");
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.worker = new Thread(() -> drain(consumer), name);
        this.worker.setDaemon(true);
        this.worker.start();
    }

    @SuppressWarnings("unchecked")
    private void drain(Consumer<T> consumer) {
        try {
            while (true) {
                Object item = queue.take();
                if (item == END) {
                    return;
                }
                if (failure == null) {
                    consumer.accept((T) item);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            failure = e;
            queue.clear();
        }
    }

    @Override
    public void accept(T item) {
        rethrowFailure();
        try {
            while (!queue.offer(item, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                rethrowFailure();
                if (!worker.isAlive()) {
                    throw new IllegalStateException("the writer thread stopped");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted", e));
        }
    }

    /** Waits until every item is consumed; rethrows the consumer's failure. */
    void finish() throws IOException {
        try {
            if (failure == null) {
                queue.put(END);
            }
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while writing", e);
        }
        Throwable thrown = failure;
        if (thrown instanceof UncheckedIOException) {
            throw ((UncheckedIOException) thrown).getCause();
        }
        rethrowFailure();
    }

    /** Stops the worker if {@link #finish()} was not reached (the producer failed). */
    @Override
    public void close() {
        if (worker.isAlive()) {
            worker.interrupt();
        }
    }

    private void rethrowFailure() {
        Throwable thrown = failure;
        if (thrown instanceof RuntimeException) {
            throw (RuntimeException) thrown;
        }
        if (thrown instanceof Error) {
            throw (Error) thrown;
        }
    }
}
