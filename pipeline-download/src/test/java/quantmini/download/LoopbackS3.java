package quantmini.download;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import quantmini.core.FlatFileKey;
import quantmini.fixtures.GeneratedFile;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * A real S3 server in this JVM: S3Proxy 4.x on its in-memory ("transient") backend, bound to
 * 127.0.0.1 on a free port, checking SigV4 signatures with the credentials below. Filled through
 * the real AWS SDK client, as the vendor's bucket would be.
 */
public final class LoopbackS3 implements AutoCloseable {
    public static final String ACCESS_KEY = "quantmini-test-access";
    public static final String SECRET_KEY = "quantmini-test-secret-7f3a9c";

    private final S3Proxy proxy;
    private final URI endpoint;
    private final S3AsyncClient client;
    private final AtomicInteger buckets = new AtomicInteger();

    public LoopbackS3() throws Exception {
        proxy = S3Proxy.builder()
                .blobStore(new TransientNio2BlobStore())
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .ignoreUnknownHeaders(true)
                // Jetty waits this long for idle keep-alive connections at stop (30 s by default)
                .stopTimeout(100)
                .build();
        proxy.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
            }
            Thread.sleep(10);
        }
        endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
        client = S3AsyncClient.builder()
                .httpClientBuilder(NettyNioAsyncHttpClient.builder())
                .endpointOverride(endpoint)
                .forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build();
    }

    /** A new empty bucket, so that tests sharing the server do not see each other's objects. */
    public String newBucket() {
        String bucket = "flatfiles-" + buckets.incrementAndGet();
        client.createBucket(b -> b.bucket(bucket)).join();
        return bucket;
    }

    public URI endpoint() {
        return endpoint;
    }

    public int port() {
        return proxy.getPort();
    }

    public SourceSettings settings(String bucket) {
        return settingsFor(endpoint, bucket);
    }

    /** Settings that reach this server through another address, e.g. a fault proxy. */
    public static SourceSettings settingsFor(URI endpoint, String bucket) {
        return SourceSettings.s3(endpoint, bucket, "us-east-1", ACCESS_KEY, SECRET_KEY);
    }

    public void put(String bucket, String key, byte[] bytes) {
        client.putObject(b -> b.bucket(bucket).key(key), AsyncRequestBody.fromBytes(bytes)).join();
    }

    public void put(String bucket, String key, Path file) {
        client.putObject(b -> b.bucket(bucket).key(key), AsyncRequestBody.fromFile(file)).join();
    }

    /** Uploads generated day files at their object keys; returns the SHA-256 of each, by key. */
    public Map<FlatFileKey, String> putAll(String bucket, List<GeneratedFile> files)
            throws IOException {
        Map<FlatFileKey, String> digests = new LinkedHashMap<>();
        for (GeneratedFile file : files) {
            put(bucket, file.key().objectKey(), file.path());
            digests.put(file.key(), TestFiles.sha256(file.path()));
        }
        return digests;
    }

    @Override
    public void close() throws java.io.IOException {
        client.close();
        try {
            proxy.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while stopping S3Proxy");
        } catch (Exception e) {
            throw new java.io.IOException("cannot stop S3Proxy", e);
        }
    }
}
