package quantmini.core;

import static java.util.Objects.requireNonNull;

/** Helpers for the few threads the pipeline starts itself. */
public final class Threads {
    private Threads() {}

    /**
     * Interrupts {@code thread} and waits for it to end, however long that takes: the caller is
     * about to free what the thread uses (buffers, a stream), which must not happen under it. An
     * interrupt of the caller meanwhile is kept for after.
     */
    public static void interruptAndJoin(Thread thread) {
        requireNonNull(thread, "thread is null");
        thread.interrupt();
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
