package quantmini.download;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quantmini.core.DataType;
import quantmini.core.ExitCode;
import quantmini.core.QuantminiException;
import quantmini.core.progress.ProgressListener;
import quantmini.fixtures.FixtureSpec;
import quantmini.fixtures.FlatFileGenerator;
import quantmini.storage.LakeLayout;

/** Refused credentials and a missing bucket fail at once, in one line, without the secret. */
class SourceErrorsTest {
    private static final LocalDate FROM = LocalDate.of(2024, 3, 4);
    private static final LocalDate TO = LocalDate.of(2024, 3, 15);
    private static final String WRONG_SECRET = "wrong-secret-9d8c7b6a5f4e";
    private static final RetryPolicy QUICK_RETRY = new RetryPolicy(4, Duration.ofMillis(5), Duration.ofMillis(20));

    private static LoopbackS3 s3;
    private static String bucket;

    @TempDir
    Path temp;

    @BeforeAll
    static void startServer(@TempDir Path generated) throws Exception {
        s3 = new LoopbackS3();
        bucket = s3.newBucket();
        s3.putAll(bucket, new FlatFileGenerator(FixtureSpec.small()).writeRange(generated, List.of(DataType.STOCKS_DAILY), FROM, TO));
    }

    @AfterAll
    static void stopServer() throws Exception {
        s3.close();
    }

    private static SourceSettings withSecret(URI endpoint, String accessKey, String secret, String bucketName) {
        return SourceSettings.s3(endpoint, bucketName, "us-east-1", accessKey, secret);
    }

    private static QuantminiException listFails(SourceSettings settings) {
        try (FlatFileSource source = FlatFileSource.open(settings, 2)) {
            return assertThrows(QuantminiException.class,
                    () -> new FlatFileCatalog(source, QUICK_RETRY).list(DataType.STOCKS_DAILY, FROM, TO));
        }
    }

    private static void assertOneLineWithoutSecrets(QuantminiException e) {
        String message = e.getMessage();
        assertEquals(ExitCode.JOB_FAILED, e.exitCode());
        assertFalse(message.contains("\n") || message.contains("\r"), "not one line: " + message);
        assertFalse(message.contains(WRONG_SECRET), "the secret leaked: " + message);
        assertFalse(message.contains(LoopbackS3.SECRET_KEY), "the secret leaked: " + message);
    }

    @Test
    void aWrongSecretFailsTheListingAtOnce() {
        QuantminiException e = listFails(withSecret(s3.endpoint(), LoopbackS3.ACCESS_KEY, WRONG_SECRET, bucket));

        assertOneLineWithoutSecrets(e);
        assertTrue(e.getMessage().contains("access denied") && e.getMessage().contains("SignatureDoesNotMatch"), e.getMessage());
        assertTrue(e.getMessage().contains("POLYGON_S3_SECRET"), "says what to check: " + e.getMessage());
        assertFalse(e.getMessage().contains("attempts"), "refused credentials are not retried: " + e.getMessage());
    }

    @Test
    void anUnknownAccessKeyFailsTheListingAtOnce() {
        QuantminiException e = listFails(withSecret(s3.endpoint(), "no-such-key", WRONG_SECRET, bucket));

        assertOneLineWithoutSecrets(e);
        assertTrue(e.getMessage().contains("access denied") && e.getMessage().contains("HTTP 403"), e.getMessage());
    }

    @Test
    void aMissingBucketFailsTheListingAtOnce() {
        QuantminiException e = listFails(withSecret(s3.endpoint(), LoopbackS3.ACCESS_KEY, LoopbackS3.SECRET_KEY, "no-such-bucket"));

        assertOneLineWithoutSecrets(e);
        assertTrue(e.getMessage().contains("bucket 'no-such-bucket' does not exist"), e.getMessage());
        assertTrue(e.getMessage().contains("NoSuchBucket"), e.getMessage());
    }

    @Test
    void aListingThatKeepsFailingIsRetriedThenFailsInOneLine() throws IOException {
        try (FaultProxy resets = new FaultProxy(s3.port(), (method, path, attempt) -> FaultProxy.Fault.RESET)) {
            QuantminiException e = listFails(withSecret(resets.endpoint(), LoopbackS3.ACCESS_KEY, LoopbackS3.SECRET_KEY, bucket));

            assertOneLineWithoutSecrets(e);
            assertEquals(QUICK_RETRY.maxAttempts(), resets.log().size(), "listing requests: " + resets.log());
            assertTrue(e.getMessage().startsWith("cannot list s3 bucket '" + bucket + "'"), e.getMessage());
            assertTrue(e.getMessage().endsWith("(after 4 attempts)"), e.getMessage());
        }
    }

    @Test
    void refusedCredentialsStopTheMirrorWithoutRetriesOrFurtherFetches() throws IOException {
        List<CatalogEntry> entries;
        try (FlatFileSource good = FlatFileSource.open(s3.settings(bucket), 2)) {
            entries = new FlatFileCatalog(good, QUICK_RETRY).list(DataType.STOCKS_DAILY, FROM, TO);
        }
        assertEquals(10, entries.size());
        LakeLayout layout = new LakeLayout(temp);
        MirrorSettings settings = MirrorSettings.defaults().withConcurrentDownloads(2).withRetry(QUICK_RETRY);

        try (FaultProxy counter = new FaultProxy(s3.port(), (method, path, attempt) -> FaultProxy.Fault.NONE);
                FlatFileSource bad = FlatFileSource.open(withSecret(counter.endpoint(), LoopbackS3.ACCESS_KEY, WRONG_SECRET, bucket), 2)) {
            QuantminiException e = assertThrows(QuantminiException.class,
                    () -> new LandingMirror(bad, layout, settings).mirror(entries, ProgressListener.NONE));

            assertOneLineWithoutSecrets(e);
            assertTrue(e.getMessage().startsWith("GET us_stocks_sip/day_aggs_v1/2024/03/"), "names the key: " + e.getMessage());
            assertTrue(e.getMessage().contains("SignatureDoesNotMatch"), e.getMessage());
            List<String> requests = counter.log();
            assertTrue(requests.size() <= settings.concurrentDownloads(), "fetches after the refusal: " + requests);
            assertEquals(requests.size(), requests.stream().distinct().count(), "a refused fetch was retried: " + requests);
        }
        assertEquals(List.of(), TestFiles.filesUnder(temp), "nothing may land");
    }
}
