package quantmini.download;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quantmini.core.DataType;
import quantmini.core.FlatFileKey;
import quantmini.core.calendar.UsEquityCalendar;
import quantmini.core.progress.ProgressListener;
import quantmini.fixtures.FixtureSpec;
import quantmini.fixtures.FlatFileGenerator;
import quantmini.storage.LakeLayout;

/** The mirror's own guards, against a scripted in-memory source. */
class LandingMirrorTest {
    private static final RetryPolicy QUICK_RETRY = new RetryPolicy(4, Duration.ofMillis(1), Duration.ofMillis(5));

    @TempDir
    Path temp;

    private final ScriptedSource source = new ScriptedSource();

    @AfterEach
    void closeSource() {
        source.close();
    }

    private List<CatalogEntry> days(int count) {
        FlatFileGenerator generator = new FlatFileGenerator(FixtureSpec.small());
        List<CatalogEntry> entries = new ArrayList<>();
        for (LocalDate date : UsEquityCalendar.tradingDays(LocalDate.of(2024, 1, 2), LocalDate.of(2024, 12, 31)).subList(0, count)) {
            FlatFileKey key = new FlatFileKey(DataType.STOCKS_DAILY, date);
            byte[] bytes = generator.dayFile(DataType.STOCKS_DAILY, date);
            source.objects.put(key.objectKey(), bytes);
            entries.add(new CatalogEntry(key, bytes.length, "etag-" + date));
        }
        return entries;
    }

    private MirrorResult mirror(List<CatalogEntry> entries, MirrorSettings settings) {
        return new LandingMirror(source, new LakeLayout(temp), settings).mirror(entries, ProgressListener.NONE);
    }

    @Test
    void aBodyShorterThanItsAnnouncedLengthIsNeverMovedIn() throws IOException {
        List<CatalogEntry> entries = days(2);
        String flaky = entries.get(0).key().objectKey();
        String broken = entries.get(1).key().objectKey();
        // the source claims success but wrote half the bytes: twice for one key, always for the other
        source.behaviour = (key, attempt) -> key.equals(broken) || attempt <= 2 ? Behaviour.SHORT : Behaviour.OK;

        MirrorResult result = mirror(entries, MirrorSettings.defaults().withRetry(QUICK_RETRY));

        KeyResult recovered = result.results().get(0);
        assertEquals(MirrorOutcome.FETCHED, recovered.outcome());
        assertEquals(3, recovered.attempts());
        assertTrue(java.util.Arrays.equals(source.objects.get(flaky), Files.readAllBytes(new LakeLayout(temp).landingFile(entries.get(0).key()))));

        KeyResult failed = result.results().get(1);
        assertEquals(MirrorOutcome.FAILED, failed.outcome());
        int size = source.objects.get(broken).length;
        assertEquals(String.format("stocks_daily 2024-01-03: GET %s: body cut short: %d of %d bytes (gave up after 4 attempts)", broken, size / 2, size),
                failed.reason());
        assertFalse(Files.exists(new LakeLayout(temp).landingFile(entries.get(1).key())));
        assertEquals(List.of(), TestFiles.temporaryFiles(temp));
    }

    @Test
    void neverMoreFetchesInFlightThanTheWindow() {
        List<CatalogEntry> entries = days(24);
        source.delayMillis = 15;

        MirrorResult result = mirror(entries, MirrorSettings.defaults().withConcurrentDownloads(3));

        assertEquals(24, result.filesFetched());
        assertTrue(source.maxInFlight.get() <= 3, "in flight at once: " + source.maxInFlight.get());
        assertTrue(source.maxInFlight.get() >= 2, "the window was not used: " + source.maxInFlight.get());
    }

    @Test
    void aVanishedObjectFailsItsKeyAtOnceAndTheOthersLand() {
        List<CatalogEntry> entries = days(5);
        String vanished = entries.get(2).key().objectKey();
        source.behaviour = (key, attempt) -> key.equals(vanished) ? Behaviour.NOT_FOUND : Behaviour.OK;

        MirrorResult result = mirror(entries, MirrorSettings.defaults().withRetry(QUICK_RETRY));

        assertEquals(4, result.filesFetched());
        assertEquals(1, result.filesFailed());
        assertEquals(1, result.failures().get(0).attempts(), "a missing object is not retried");
        assertTrue(result.failures().get(0).reason().contains("no such object"), result.failures().get(0).reason());
    }

    @Test
    void aSourceThatNeverAnswersIsCutOffByTheAttemptTimeout() {
        List<CatalogEntry> entries = days(2);
        String silent = entries.get(1).key().objectKey();
        source.behaviour = (key, attempt) -> key.equals(silent) ? Behaviour.HANG : Behaviour.OK;

        MirrorResult result = mirror(entries, MirrorSettings.defaults()
                .withRetry(new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(1)))
                .withAttemptTimeout(Duration.ofMillis(200)));

        assertEquals(1, result.filesFetched());
        KeyResult failed = result.failures().get(0);
        assertEquals(2, failed.attempts());
        assertTrue(failed.reason().endsWith("timed out after 0.2 s (gave up after 2 attempts)"), failed.reason());
        assertEquals(2, source.hung.size());
        assertTrue(source.hung.stream().allMatch(CompletableFuture::isCompletedExceptionally),
                "each timed-out fetch is completed, which aborts it at the source");
    }

    @Test
    void aKeyListedTwiceIsRefused() {
        List<CatalogEntry> entries = days(1);
        List<CatalogEntry> twice = List.of(entries.get(0), entries.get(0));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> mirror(twice, MirrorSettings.defaults()));
        assertEquals("key listed twice: stocks_daily 2024-01-02", e.getMessage());
    }

    private enum Behaviour { OK, SHORT, NOT_FOUND, HANG }

    @FunctionalInterface
    private interface Script {
        Behaviour behaviourFor(String objectKey, int attempt);
    }

    /** Serves objects from memory on its own threads, as the script says. */
    private static final class ScriptedSource implements FlatFileSource {
        final Map<String, byte[]> objects = new HashMap<>();
        final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger maxInFlight = new AtomicInteger();
        final List<CompletableFuture<FetchedObject>> hung = new java.util.concurrent.CopyOnWriteArrayList<>();
        volatile Script behaviour = (key, attempt) -> Behaviour.OK;
        volatile long delayMillis;
        private final ExecutorService threads = Executors.newCachedThreadPool();

        @Override
        public String describe() {
            return "scripted source";
        }

        @Override
        public List<SourceObject> list(String prefix) {
            throw new UnsupportedOperationException("fetch only");
        }

        @Override
        public CompletableFuture<FetchedObject> fetch(String objectKey, Path destination, LongConsumer bytesWritten) {
            int attempt = attempts.computeIfAbsent(objectKey, k -> new AtomicInteger()).incrementAndGet();
            Behaviour what = behaviour.behaviourFor(objectKey, attempt);
            CompletableFuture<FetchedObject> result = new CompletableFuture<>();
            if (what == Behaviour.HANG) {
                hung.add(result);
                return result;
            }
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            threads.execute(() -> {
                try {
                    Thread.sleep(delayMillis);
                    byte[] bytes = objects.get(objectKey);
                    if (what == Behaviour.NOT_FOUND) {
                        throw new SourceException(SourceException.Reason.NOT_FOUND, "GET " + objectKey + ": no such object");
                    }
                    int length = what == Behaviour.SHORT ? bytes.length / 2 : bytes.length;
                    Files.write(destination, java.util.Arrays.copyOf(bytes, length));
                    bytesWritten.accept(length);
                    inFlight.decrementAndGet();
                    result.complete(new FetchedObject(bytes.length, "etag"));
                } catch (Exception e) {
                    inFlight.decrementAndGet();
                    result.completeExceptionally(e);
                }
            });
            return result;
        }

        @Override
        public void close() {
            threads.shutdownNow();
        }
    }
}
