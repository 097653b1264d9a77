package quantmini.download;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quantmini.core.DataType;
import quantmini.core.FlatFileKey;
import quantmini.core.progress.ProgressListener;
import quantmini.fixtures.BrokenFileKind;
import quantmini.fixtures.BrokenFiles;
import quantmini.fixtures.FixtureSpec;
import quantmini.fixtures.FlatFileGenerator;
import quantmini.fixtures.GeneratedFile;
import quantmini.storage.LakeLayout;

/** The mirror against a real S3 server (S3Proxy, in process) through the real SDK client. */
class LandingMirrorS3Test {
    private static final LocalDate FROM = LocalDate.of(2024, 2, 26);
    private static final LocalDate TO = LocalDate.of(2024, 3, 8);
    private static final MirrorSettings FAST = MirrorSettings.defaults()
            .withConcurrentDownloads(4)
            .withRetry(new RetryPolicy(3, java.time.Duration.ofMillis(10), java.time.Duration.ofMillis(50)));

    private static LoopbackS3 s3;

    @TempDir
    Path temp;

    private String bucket;
    private LakeLayout layout;
    /** SHA-256 of each object as uploaded. */
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
        Path generated = temp.resolve("generated");
        FlatFileGenerator generator = new FlatFileGenerator(FixtureSpec.small());
        List<GeneratedFile> files = new ArrayList<>(generator.writeRange(generated, List.of(DataType.STOCKS_DAILY), FROM, TO));
        // a few minute files, large enough to arrive in many chunks
        files.addAll(generator.writeRange(generated, List.of(DataType.STOCKS_MINUTE), LocalDate.of(2024, 3, 4), LocalDate.of(2024, 3, 5)));
        uploaded.putAll(s3.putAll(bucket, files));
        // objects the catalog must not take for day files
        s3.put(bucket, DataType.STOCKS_DAILY.flatFilePrefix() + "/2024/03/README.txt", new byte[] {1, 2, 3});
        s3.put(bucket, DataType.STOCKS_DAILY.flatFilePrefix() + "/2024/03/2024-03-05.csv", new byte[] {1, 2, 3});
        s3.put(bucket, "us_stocks_sip/trades_v1/2024/03/2024-03-05.csv.gz", new byte[] {1, 2, 3});
    }

    private FlatFileSource openSource() {
        return new S3FlatFileSource(s3.settings(bucket), 4, 3); // 3 keys a page: listings paginate
    }

    private List<CatalogEntry> listAll(FlatFileSource source) {
        FlatFileCatalog catalog = new FlatFileCatalog(source, RetryPolicy.defaults());
        List<CatalogEntry> entries = new ArrayList<>(catalog.list(DataType.STOCKS_DAILY, FROM, TO));
        entries.addAll(catalog.list(DataType.STOCKS_MINUTE, FROM, TO));
        return entries;
    }

    private MirrorResult mirrorAll(ProgressListener progress) {
        try (FlatFileSource source = openSource()) {
            return new LandingMirror(source, layout, FAST).mirror(listAll(source), progress);
        }
    }

    private void assertLandingMatchesBucket() {
        for (Map.Entry<FlatFileKey, String> object : uploaded.entrySet()) {
            Path landed = layout.landingFile(object.getKey());
            assertTrue(Files.isRegularFile(landed), "missing in landing: " + object.getKey());
            assertEquals(object.getValue(), TestFiles.sha256(landed), "bytes differ: " + object.getKey());
        }
        assertEquals(List.of(), TestFiles.temporaryFiles(layout.dataRoot()), "temporary files left in landing");
    }

    @Test
    void catalogListsExactlyTheDaysInTheBucketAcrossPages() {
        try (FlatFileSource source = openSource()) {
            FlatFileCatalog catalog = new FlatFileCatalog(source, RetryPolicy.defaults());
            List<FlatFileKey> daily = catalog.list(DataType.STOCKS_DAILY, FROM, TO).stream()
                    .map(CatalogEntry::key).collect(Collectors.toList());
            List<FlatFileKey> expected = uploaded.keySet().stream()
                    .filter(k -> k.dataType() == DataType.STOCKS_DAILY).sorted().collect(Collectors.toList());
            assertEquals(expected, daily);
            // 2024-02-26 .. 2024-03-08 has 10 trading days, no weekend ones
            assertEquals(10, daily.size());

            List<CatalogEntry> narrow = catalog.list(DataType.STOCKS_DAILY, LocalDate.of(2024, 3, 2), LocalDate.of(2024, 3, 5));
            assertEquals(List.of(LocalDate.of(2024, 3, 4), LocalDate.of(2024, 3, 5)),
                    narrow.stream().map(e -> e.key().date()).collect(Collectors.toList()));
            CatalogEntry first = narrow.get(0);
            assertEquals(sizeOfUpload(first.key()), first.size());
            assertFalse(first.etag().isEmpty());
            assertFalse(first.etag().contains("\""), "ETag is unquoted");
        }
    }

    private long sizeOfUpload(FlatFileKey key) {
        try {
            return Files.size(temp.resolve("generated").resolve(key.objectKey()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void mirrorsEveryListedDayByteForByteAndReportsProgress() throws IOException {
        AtomicLong progressBytes = new AtomicLong();
        AtomicLong units = new AtomicLong();
        long[] started = new long[2];
        ProgressListener progress = new ProgressListener() {
            @Override
            public void started(String task, long totalUnits, long totalBytes) {
                started[0] = totalUnits;
                started[1] = totalBytes;
            }

            @Override
            public void bytesDone(long bytes) {
                progressBytes.addAndGet(bytes);
            }

            @Override
            public void unitDone(String unit, boolean succeeded) {
                assertTrue(succeeded, unit);
                units.incrementAndGet();
            }
        };

        MirrorResult result = mirrorAll(progress);

        assertLandingMatchesBucket();
        assertEquals(uploaded.size(), result.filesFetched());
        assertEquals(0, result.filesSkipped());
        assertEquals(0, result.filesFailed());
        assertTrue(result.results().stream().allMatch(r -> r.outcome() == MirrorOutcome.FETCHED), result.results().toString());
        long total = 0;
        for (FlatFileKey key : uploaded.keySet()) {
            total += Files.size(layout.landingFile(key));
            assertTrue(Files.exists(LandingRecord.sidecarOf(layout.landingFile(key))), "no ETag record for " + key);
        }
        assertEquals(total, result.bytes());
        assertEquals(total, progressBytes.get());
        assertEquals(uploaded.size(), started[0]);
        assertEquals(total, started[1]);
        assertEquals(uploaded.size(), units.get());
        assertEquals(uploaded.keySet().stream().sorted().collect(Collectors.toList()), result.landedKeys());
        assertTrue(result.summaryLine().startsWith("fetched " + uploaded.size() + " (0 changed), skipped 0, failed 0"), result.summaryLine());
    }

    @Test
    void secondRunSkipsEverythingAndTouchesNothing() throws IOException {
        mirrorAll(ProgressListener.NONE);
        Map<FlatFileKey, FileTime> modified = new LinkedHashMap<>();
        for (FlatFileKey key : uploaded.keySet()) {
            modified.put(key, Files.getLastModifiedTime(layout.landingFile(key)));
        }

        MirrorResult again = mirrorAll(ProgressListener.NONE);

        assertEquals(uploaded.size(), again.filesSkipped());
        assertEquals(0, again.filesFetched());
        assertEquals(0, again.bytes());
        assertTrue(again.landedKeys().isEmpty());
        for (FlatFileKey key : uploaded.keySet()) {
            assertEquals(modified.get(key), Files.getLastModifiedTime(layout.landingFile(key)), "rewritten: " + key);
        }
        assertLandingMatchesBucket();
    }

    @Test
    void republishedDayIsFetchedAgainAndReportedAsChanged() throws IOException {
        mirrorAll(ProgressListener.NONE);
        FlatFileKey republished = new FlatFileKey(DataType.STOCKS_DAILY, LocalDate.of(2024, 3, 6));
        byte[] corrected = new FlatFileGenerator(FixtureSpec.small().withSeed(99)).dayFile(DataType.STOCKS_DAILY, republished.date());
        s3.put(bucket, republished.objectKey(), corrected);
        uploaded.put(republished, TestFiles.sha256(corrected));

        MirrorResult again = mirrorAll(ProgressListener.NONE);

        assertEquals(List.of(republished), again.changedKeys());
        assertEquals(List.of(republished), again.landedKeys());
        assertEquals(uploaded.size() - 1, again.filesSkipped());
        assertEquals(corrected.length, again.bytes());
        assertLandingMatchesBucket();
        assertEquals(uploaded.size(), mirrorAll(ProgressListener.NONE).filesSkipped(), "third run skips all again");
    }

    @Test
    void leftoversOfAKilledRunAreCleanedAndNeverTakenForComplete() throws IOException {
        mirrorAll(ProgressListener.NONE);
        // killed mid-download: the landing file never appeared, only its temporary file
        FlatFileKey interrupted = new FlatFileKey(DataType.STOCKS_MINUTE, LocalDate.of(2024, 3, 5));
        Path interruptedFile = layout.landingFile(interrupted);
        byte[] whole = Files.readAllBytes(interruptedFile);
        Files.delete(interruptedFile);
        Files.delete(LandingRecord.sidecarOf(interruptedFile));
        Path partial = interruptedFile.resolveSibling("." + interruptedFile.getFileName() + ".8127364.tmp");
        Files.write(partial, java.util.Arrays.copyOf(whole, whole.length / 2));
        // killed between the rename and the ETag record: the file is there, its record is not
        FlatFileKey unrecorded = new FlatFileKey(DataType.STOCKS_DAILY, LocalDate.of(2024, 2, 27));
        Files.delete(LandingRecord.sidecarOf(layout.landingFile(unrecorded)));
        // a landing file cut short by something else: same ETag record, wrong size
        FlatFileKey shortened = new FlatFileKey(DataType.STOCKS_DAILY, LocalDate.of(2024, 3, 1));
        Path shortenedFile = layout.landingFile(shortened);
        Files.write(shortenedFile, java.util.Arrays.copyOf(Files.readAllBytes(shortenedFile), 100));

        MirrorResult again = mirrorAll(ProgressListener.NONE);

        assertFalse(Files.exists(partial), "leftover temporary file not cleaned");
        assertEquals(MirrorOutcome.FETCHED, outcomeOf(again, interrupted));
        assertEquals(MirrorOutcome.REFETCHED_CHANGED, outcomeOf(again, unrecorded));
        assertEquals(MirrorOutcome.REFETCHED_CHANGED, outcomeOf(again, shortened));
        assertEquals(uploaded.size() - 3, again.filesSkipped());
        assertLandingMatchesBucket();
    }

    @Test
    void anObjectThatIsNotWholeGzipFailsItsDayOnlyAndLandsNothing() throws IOException {
        FlatFileKey broken = new FlatFileKey(DataType.STOCKS_DAILY, LocalDate.of(2024, 3, 7));
        byte[] truncatedGzip = new BrokenFiles(new FlatFileGenerator(FixtureSpec.small()))
                .make(BrokenFileKind.TRUNCATED_GZIP, DataType.STOCKS_DAILY, broken.date()).gzipBytes();
        s3.put(bucket, broken.objectKey(), truncatedGzip);
        uploaded.remove(broken);

        MirrorResult result = mirrorAll(ProgressListener.NONE);

        assertEquals(1, result.filesFailed());
        KeyResult failure = result.failures().get(0);
        assertEquals(broken, failure.key());
        assertEquals(1, failure.attempts(), "a corrupt object is not retried");
        assertTrue(failure.reason().contains("2024-03-07") && failure.reason().contains("not a complete gzip stream"), failure.reason());
        assertFalse(failure.reason().contains("\n"));
        assertFalse(Files.exists(layout.landingFile(broken)));
        assertLandingMatchesBucket();
    }

    private static MirrorOutcome outcomeOf(MirrorResult result, FlatFileKey key) {
        return result.results().stream().filter(r -> r.key().equals(key)).findFirst().orElseThrow().outcome();
    }
}
