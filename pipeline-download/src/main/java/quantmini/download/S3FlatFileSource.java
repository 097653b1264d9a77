package quantmini.download;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.LongConsumer;
import quantmini.core.Preconditions;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The vendor's bucket (or any S3-compatible server) through the AWS SDK v2 {@link S3AsyncClient}
 * on Netty: endpoint override, path-style addressing, SigV4 with static credentials.
 *
 * <p>The SDK's own retries are off: {@link LandingMirror} and {@link FlatFileCatalog} retry with
 * one policy, and a retry inside the SDK would restart a body the mirror is already writing.
 */
public final class S3FlatFileSource implements FlatFileSource {
    /** Error codes that mean the credentials are wrong; retrying cannot help. */
    private static final Set<String> ACCESS_CODES = Set.of(
            "AccessDenied", "InvalidAccessKeyId", "SignatureDoesNotMatch", "InvalidToken",
            "ExpiredToken", "TokenRefreshRequired", "AuthorizationHeaderMalformed");
    private static final Set<String> TRANSIENT_CODES = Set.of(
            "SlowDown", "Throttling", "ThrottlingException", "RequestTimeout", "InternalError",
            "ServiceUnavailable", "RequestTimeTooSkewed");
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** A connection silent this long is dead; well below any sane per-object timeout. */
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    private final SourceSettings settings;
    private final S3AsyncClient client;
    /** Keys per listing page; 0 leaves it to the server (1,000 on S3). */
    private final int listPageSize;

    public S3FlatFileSource(SourceSettings settings, int maxConcurrentFetches) {
        this(settings, maxConcurrentFetches, 0);
    }

    /** With a small {@code listPageSize}, tests can see pagination without thousands of objects. */
    S3FlatFileSource(SourceSettings settings, int maxConcurrentFetches, int listPageSize) {
        this.settings = requireNonNull(settings, "settings is null");
        Preconditions.checkArgument(listPageSize >= 0, "listPageSize must not be negative: %s", listPageSize);
        this.listPageSize = listPageSize;
        Preconditions.checkArgument(settings.kind() == SourceSettings.Kind.S3, "not S3 settings: %s", settings);
        Preconditions.checkArgument(maxConcurrentFetches >= 1, "maxConcurrentFetches must be positive: %s", maxConcurrentFetches);
        this.client = S3AsyncClient.builder()
                .httpClientBuilder(NettyNioAsyncHttpClient.builder()
                        // The mirror's window bounds the fetches in flight; two more for a listing
                        // and for a connection still closing after an aborted attempt.
                        .maxConcurrency(maxConcurrentFetches + 2)
                        .connectionTimeout(CONNECT_TIMEOUT)
                        .readTimeout(READ_TIMEOUT))
                .endpointOverride(settings.endpoint())
                .forcePathStyle(true)
                .region(Region.of(settings.region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(settings.accessKey(), settings.secretKey())))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    @Override
    public String describe() {
        return settings.describe();
    }

    @Override
    public List<SourceObject> list(String prefix) {
        requireNonNull(prefix, "prefix is null");
        List<SourceObject> objects = new ArrayList<>();
        String continuation = null;
        do {
            ListObjectsV2Request.Builder request = ListObjectsV2Request.builder()
                    .bucket(settings.bucket())
                    .prefix(prefix);
            if (continuation != null) {
                request.continuationToken(continuation);
            }
            if (listPageSize > 0) {
                request.maxKeys(listPageSize);
            }
            ListObjectsV2Response page;
            try {
                page = client.listObjectsV2(request.build()).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SourceException(SourceException.Reason.TRANSIENT, "interrupted while listing " + prefix, e);
            } catch (ExecutionException e) {
                throw classify("listing '" + prefix + "'", e.getCause());
            }
            for (S3Object object : page.contents()) {
                // a listing without a size (never seen on S3) reads as 0: such a file is never skipped
                long size = object.size() == null ? 0 : object.size();
                objects.add(new SourceObject(object.key(), size, unquote(object.eTag())));
            }
            continuation = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
        } while (continuation != null);
        return objects;
    }

    @Override
    public CompletableFuture<FetchedObject> fetch(String objectKey, Path destination, LongConsumer bytesWritten) {
        requireNonNull(objectKey, "objectKey is null");
        GetObjectRequest request = GetObjectRequest.builder().bucket(settings.bucket()).key(objectKey).build();
        CompletableFuture<GetObjectResponse> call = client.getObject(request, new FileWritingTransformer(destination, bytesWritten));
        CompletableFuture<FetchedObject> fetched = new CompletableFuture<>();
        call.whenComplete((response, error) -> {
            if (error != null) {
                fetched.completeExceptionally(classify("GET " + objectKey, error));
            } else {
                Long length = response.contentLength();
                fetched.complete(new FetchedObject(length == null ? -1 : length, unquote(response.eTag())));
            }
        });
        // The caller's cancel or timeout must reach the SDK, which then aborts the connection;
        // when the call itself failed it is done already and this does nothing.
        fetched.whenComplete((ignored, error) -> {
            if (error != null) {
                call.cancel(true);
            }
        });
        return fetched;
    }

    @Override
    public void close() {
        client.close();
    }

    /** Turns an SDK failure into a one-line {@link SourceException} that says what to do next. */
    SourceException classify(String what, Throwable error) {
        Throwable cause = ErrorText.unwrap(error);
        if (cause instanceof SourceException) {
            return (SourceException) cause;
        }
        if (cause instanceof AwsServiceException) {
            AwsServiceException service = (AwsServiceException) cause;
            int status = service.statusCode();
            String code = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
            String detail = String.format("%s (HTTP %d)", code == null ? "no error code" : code, status);
            if ("NoSuchBucket".equals(code)) {
                return new SourceException(SourceException.Reason.NO_SUCH_BUCKET, redact(String.format(
                        "%s: bucket '%s' does not exist at %s: %s", what, settings.bucket(), settings.endpoint(), detail)));
            }
            if ((code != null && ACCESS_CODES.contains(code)) || status == 401 || status == 403) {
                return new SourceException(SourceException.Reason.ACCESS_DENIED, redact(String.format(
                        "%s: access denied by %s: %s; check the S3 access key and secret (POLYGON_S3_KEY, POLYGON_S3_SECRET)",
                        what, settings.endpoint(), detail)));
            }
            if ("NoSuchKey".equals(code) || status == 404) {
                return new SourceException(SourceException.Reason.NOT_FOUND, redact(what + ": no such object: " + detail));
            }
            if ((code != null && TRANSIENT_CODES.contains(code)) || status >= 500 || status == 429) {
                return new SourceException(SourceException.Reason.TRANSIENT, redact(what + ": " + detail), cause);
            }
            return new SourceException(SourceException.Reason.PERMANENT, redact(what + ": " + detail), cause);
        }
        // Resets, closed connections, bodies cut short, timeouts: the network, worth another try.
        return new SourceException(SourceException.Reason.TRANSIENT, redact(what + ": " + ErrorText.oneLine(cause)), cause);
    }

    /**
     * A last guard: the messages are built from error codes and never from the request, but if
     * the secret ever showed up in one it is masked. (A secret under 8 characters is not masked:
     * replacing so short a string would garble ordinary words; real keys are much longer.)
     */
    private String redact(String message) {
        String secret = settings.secretKey();
        return secret.length() < 8 ? message : message.replace(secret, "****");
    }

    static String unquote(String etag) {
        if (etag == null) {
            return "";
        }
        String trimmed = etag.strip();
        if (trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\"")) {
            return trimmed.substring(1, trimmed.length() - 1);
        }
        return trimmed;
    }
}
