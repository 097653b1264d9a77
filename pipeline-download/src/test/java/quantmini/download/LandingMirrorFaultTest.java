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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quantmini.core.DataType;
import quantmini.core.FlatFileKey;
import quantmini.core.progress.ProgressListener;
import quantmini.download.FaultProxy.Fault;
import quantmini.fixtures.FixtureSpec;
import quantmini.fixtures.FlatFileGenerator;
import quantmini.fixtures.GeneratedFile;
import quantmini.storage.LakeLayout;

/**
 * The mirror behind a proxy that throttles, fails, resets and cuts bodies short: it must end
 * with every file correct, or fail the dates whose faults persist, leaving no partial file.
 */
class LandingMirrorFaultTest {
    private static final LocalDate FROM = LocalDate.of(2024, 3, 4);
    private static final LocalDate TO = LocalDate.of(2024, 3, 8);
    /** Short waits so that five attempts per file take milliseconds, not seconds. */
    private static final RetryPolicy QUICK_RETRY = new RetryPolicy(6, Duration.ofMillis(5), Duration.ofMillis(40));

    private static LoopbackS3 s3;

    @TempDir
    Path temp;

    private String bucket;
    private LakeLayout layout;
    private FaultProxy proxy;
    private final Map<FlatFileKey, String> uploaded = new LinkedHashMap<>();

    @BeforeAll
    static void startServer() throws Exception {
        s3 = new LoopbackS3();
    }

    @AfterAll
    static void stopServer() throws Exception {
        s3.close();
    }

    @BeforeEach
    void fillBucket() throws IOException {
        bucket = s3.newBucket();
        layout = new LakeLayout(temp.resolve("data"));
        FlatFileGenerator generator = new FlatFileGenerator(FixtureSpec.small());
        List<GeneratedFile> files = new ArrayList<>(
                generator.writeRange(temp.resolve("generated"), List.of(DataType.STOCKS_DAILY, DataType.STOCKS_MINUTE), FROM, TO));
        uploaded.putAll(s3.putAll(bucket, files));
        proxy = new FaultProxy(s3.port(), (method, path, attempt) -> Fault.NONE);
    }

    @AfterEach
    void stopProxy() throws IOException {
        proxy.close();
    }

    private static boolean isObjectGet(String method, String path) {
        return method.equals("GET") && path.endsWith(".csv.gz");
    }

    private MirrorResult mirrorThroughProxy(MirrorSettings settings) {
        try (FlatFileSource source = new S3FlatFileSource(LoopbackS3.settingsFor(proxy.endpoint(), bucket), 4)) {
            FlatFileCatalog catalog = new FlatFileCatalog(source, QUICK_RETRY);
            List<CatalogEntry> entries = new ArrayList<>(catalog.list(DataType.STOCKS_DAILY, FROM, TO));
            entries.addAll(catalog.list(DataType.STOCKS_MINUTE, FROM, TO));
            assertEquals(uploaded.size(), entries.size(), "listing through the proxy");
            return new LandingMirror(source, layout, settings).mirror(entries, ProgressListener.NONE);
        }
    }

    private void assertLanded(FlatFileKey key) {
        Path landed = layout.landingFile(key);
        assertTrue(Files.isRegularFile(landed), "missing in landing: " + key);
        assertEquals(uploaded.get(key), TestFiles.sha256(landed), "bytes differ: " + key);
    }

    @Test
    void everyKindOfTransientFaultIsRetriedUntilEveryFileIsCorrect() {
        // Each object: 503 SlowDown, then 500, then a reset, then a body cut short, then good.
        // The first page of each listing is throttled once too.
        Fault[] sequence = {Fault.SLOW_DOWN_503, Fault.INTERNAL_ERROR_500, Fault.RESET, Fault.TRUNCATE};
        proxy.setPlan((method, path, attempt) -> {
            if (isObjectGet(method, path)) {
                return attempt <= sequence.length ? sequence[attempt - 1] : Fault.NONE;
            }
            return attempt == 1 ? Fault.SLOW_DOWN_503 : Fault.NONE;
        });

        MirrorResult result = mirrorThroughProxy(MirrorSettings.defaults().withConcurrentDownloads(3).withRetry(QUICK_RETRY));

        assertEquals(0, result.filesFailed(), result.failures().toString());
        assertEquals(uploaded.size(), result.filesFetched());
        for (KeyResult key : result.results()) {
            assertEquals(5, key.attempts(), "attempts of " + key.key());
            assertLanded(key.key());
        }
        List<String> log = proxy.log();
        for (Fault fault : sequence) {
            assertEquals(uploaded.size(), log.stream().filter(line -> line.endsWith(".csv.gz -> " + fault)).count(),
                    "objects that saw " + fault);
        }
        assertEquals(List.of(), TestFiles.temporaryFiles(layout.dataRoot()));
    }

    @Test
    void aFaultThatPersistsFailsOnlyItsDateAndLeavesNoPartialFile() throws IOException {
        FlatFileKey doomed = new FlatFileKey(DataType.STOCKS_MINUTE, LocalDate.of(2024, 3, 6));
        proxy.setPlan((method, path, attempt) -> path.endsWith(doomed.objectKey()) ? Fault.TRUNCATE : Fault.NONE);

        MirrorResult result = mirrorThroughProxy(MirrorSettings.defaults().withRetry(QUICK_RETRY));

        assertEquals(1, result.filesFailed());
        assertEquals(uploaded.size() - 1, result.filesFetched());
        KeyResult failure = result.failures().get(0);
        assertEquals(doomed, failure.key());
        assertEquals(QUICK_RETRY.maxAttempts(), failure.attempts());
        assertTrue(failure.reason().startsWith("stocks_minute 2024-03-06: GET " + doomed.objectKey()), failure.reason());
        assertTrue(failure.reason().endsWith("(gave up after 6 attempts)"), failure.reason());
        assertFalse(failure.reason().contains("\n"), failure.reason());
        assertFalse(Files.exists(layout.landingFile(doomed)), "partial file in landing");
        assertFalse(Files.exists(LandingRecord.sidecarOf(layout.landingFile(doomed))));
        assertEquals(List.of(), TestFiles.temporaryFiles(layout.dataRoot()));
        uploaded.keySet().stream().filter(key -> !key.equals(doomed)).forEach(this::assertLanded);

        // the fault clears: the next run fetches the missing day and skips the rest
        proxy.setPlan((method, path, attempt) -> Fault.NONE);
        MirrorResult rerun = mirrorThroughProxy(MirrorSettings.defaults().withRetry(QUICK_RETRY));
        assertEquals(List.of(doomed), rerun.landedKeys());
        assertEquals(uploaded.size() - 1, rerun.filesSkipped());
        assertLanded(doomed);
    }

    @Test
    void aStalledTransferIsCutOffByTheAttemptTimeout() {
        FlatFileKey stalled = new FlatFileKey(DataType.STOCKS_DAILY, LocalDate.of(2024, 3, 5));
        proxy.setPlan((method, path, attempt) -> path.endsWith(stalled.objectKey()) ? Fault.STALL : Fault.NONE);
        MirrorSettings settings = MirrorSettings.defaults()
                .withRetry(new RetryPolicy(2, Duration.ofMillis(5), Duration.ofMillis(5)))
                .withAttemptTimeout(Duration.ofMillis(700));

        long start = System.nanoTime();
        MirrorResult result = mirrorThroughProxy(settings);
        double seconds = (System.nanoTime() - start) / 1e9;

        assertEquals(1, result.filesFailed());
        KeyResult failure = result.failures().get(0);
        assertEquals(stalled, failure.key());
        assertEquals(2, failure.attempts());
        assertTrue(failure.reason().contains("timed out after 0.7 s"), failure.reason());
        assertTrue(seconds < 15, "took " + seconds + " s: the timeout did not cut the stall off");
        assertFalse(Files.exists(layout.landingFile(stalled)));
        assertEquals(List.of(), TestFiles.temporaryFiles(layout.dataRoot()));
    }
}
