package quantmini.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ConcurrentIoTest {
    @Test
    void resultsComeInTaskOrderAndTheTasksOverlap() throws IOException {
        CountDownLatch bothStarted = new CountDownLatch(2);
        ConcurrentIo.Task<String> first = () -> {
            bothStarted.countDown();
            await(bothStarted);
            return "first";
        };
        ConcurrentIo.Task<String> second = () -> {
            bothStarted.countDown();
            await(bothStarted);
            return "second";
        };
        assertEquals(List.of("first", "second"), ConcurrentIo.run(List.of(first, second)));
    }

    @Test
    void theFirstFailureIsThrownOnceEveryTaskHasEnded() {
        IOException broken = new IOException("cannot write symbols.parquet");
        AtomicBoolean slowTaskEnded = new AtomicBoolean();
        ConcurrentIo.Task<String> failing = () -> {
            throw broken;
        };
        ConcurrentIo.Task<String> slow = () -> {
            sleep(200);
            slowTaskEnded.set(true);
            return "done";
        };
        assertSame(broken, assertThrows(IOException.class, () -> ConcurrentIo.run(List.of(failing, slow))));
        assertTrue(slowTaskEnded.get(), "no task is left running after the call");
    }

    @Test
    void aSingleTaskRunsOnTheCallersThread() throws IOException {
        Thread caller = Thread.currentThread();
        assertEquals(List.of(true), ConcurrentIo.run(List.of(() -> Thread.currentThread() == caller)));
    }

    private static void await(CountDownLatch latch) throws IOException {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IOException("the tasks did not run at the same time");
            }
        } catch (InterruptedException e) {
            throw new IOException(e);
        }
    }

    private static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new IOException(e);
        }
    }
}
