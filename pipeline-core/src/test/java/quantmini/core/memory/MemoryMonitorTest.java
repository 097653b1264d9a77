package quantmini.core.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class MemoryMonitorTest {
    private static final long BUDGET = 1_000_000;
    private static final long HEAP_MAX = 2_000_000;

    /** A source that returns whatever reading the test sets. */
    private static final class ScriptedSource implements MemoryUsageSource {
        final AtomicReference<MemorySnapshot> next = new AtomicReference<>(new MemorySnapshot(0, HEAP_MAX, 0));

        void residentAt(double fractionOfBudget) {
            next.set(new MemorySnapshot(0, HEAP_MAX, (long) (fractionOfBudget * BUDGET)));
        }

        void heapAt(double fractionOfMax) {
            next.set(new MemorySnapshot((long) (fractionOfMax * HEAP_MAX), HEAP_MAX, -1));
        }

        @Override
        public MemorySnapshot sample() {
            return next.get();
        }
    }

    @Test
    void levelsAreWarningFrom75AndCriticalFrom85PercentOfTheBudget() {
        ScriptedSource source = new ScriptedSource();
        MemoryMonitor monitor = new MemoryMonitor(source, BUDGET);
        source.residentAt(0.74);
        assertEquals(MemoryPressure.NORMAL, monitor.check());
        source.residentAt(0.75);
        assertEquals(MemoryPressure.WARNING, monitor.check());
        source.residentAt(0.849);
        assertEquals(MemoryPressure.WARNING, monitor.check());
        source.residentAt(0.85);
        assertEquals(MemoryPressure.CRITICAL, monitor.check());
        source.residentAt(0.5);
        assertEquals(MemoryPressure.NORMAL, monitor.check());
    }

    @Test
    void aFullHeapCountsAsPressureEvenWithoutAResidentReading() {
        ScriptedSource source = new ScriptedSource();
        MemoryMonitor monitor = new MemoryMonitor(source, BUDGET);
        source.heapAt(0.9);
        assertEquals(MemoryPressure.CRITICAL, monitor.check());
        assertEquals(MemoryPressure.CRITICAL, monitor.level());
    }

    @Test
    void listenersHearOnlyChanges() {
        ScriptedSource source = new ScriptedSource();
        MemoryMonitor monitor = new MemoryMonitor(source, BUDGET);
        List<String> heard = new ArrayList<>();
        monitor.addListener((previous, current, snapshot) -> heard.add(previous + "->" + current));
        for (double fraction : new double[] {0.1, 0.2, 0.8, 0.8, 0.9, 0.95, 0.3}) {
            source.residentAt(fraction);
            monitor.check();
        }
        assertEquals(List.of("NORMAL->WARNING", "WARNING->CRITICAL", "CRITICAL->NORMAL"), heard);
    }

    @Test
    void aStartedMonitorSamplesOnItsOwnUntilClosed() throws InterruptedException {
        ScriptedSource source = new ScriptedSource();
        source.residentAt(0.9);
        CountDownLatch critical = new CountDownLatch(1);
        try (MemoryMonitor monitor = new MemoryMonitor(source, BUDGET)) {
            monitor.addListener((previous, current, snapshot) -> critical.countDown());
            monitor.start(Duration.ofMillis(10));
            assertTrue(critical.await(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void theRealSourceReadsThisProcess() {
        MemorySnapshot snapshot = new ProcessMemoryUsageSource().sample();
        assertTrue(snapshot.heapUsedBytes() > 0);
        assertEquals(Runtime.getRuntime().maxMemory(), snapshot.heapMaxBytes());
        if (System.getProperty("os.name").startsWith("Linux")) {
            assertTrue(snapshot.residentBytes() > snapshot.heapUsedBytes() / 4, "resident set read from /proc");
        }
    }
}
