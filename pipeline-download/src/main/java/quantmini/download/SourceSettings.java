package quantmini.download;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.nio.file.Path;
import quantmini.core.Preconditions;

/**
 * Where flat files come from: an S3-compatible bucket or a local folder in the same key layout
 * (DESIGN.md §1). Built by the configuration layer; the download layer only reads it.
 *
 * <p>{@link #toString()} never shows the secret key, so a settings object may be logged as is.
 *
 * @param kind s3 or local
 * @param endpoint the S3 endpoint, e.g. {@code https://files.massive.com}; null for local
 * @param bucket the bucket, e.g. {@code flatfiles}; null for local
 * @param region the SigV4 signing region, e.g. {@code us-east-1}; null for local
 * @param accessKey the S3 access key id; null for local
 * @param secretKey the S3 secret key; null for local
 * @param localRoot the folder holding {@code {prefix}/YYYY/MM/YYYY-MM-DD.csv.gz}; null for s3
 */
public record SourceSettings(
        Kind kind,
        URI endpoint,
        String bucket,
        String region,
        String accessKey,
        String secretKey,
        Path localRoot) {

    /** The default SigV4 region; the vendor's endpoint accepts it. */
    public static final String DEFAULT_REGION = "us-east-1";

    /** Which implementation of {@link FlatFileSource} these settings select. */
    public enum Kind { S3, LOCAL }

    public SourceSettings {
        requireNonNull(kind, "kind is null");
        if (kind == Kind.S3) {
            requireNonNull(endpoint, "endpoint is null");
            Preconditions.checkArgument(endpoint.getScheme() != null && endpoint.getHost() != null,
                    "endpoint must be an absolute http(s) URI: %s", endpoint);
            Preconditions.checkArgument(bucket != null && !bucket.isBlank(), "bucket is empty");
            Preconditions.checkArgument(region != null && !region.isBlank(), "region is empty");
            Preconditions.checkArgument(accessKey != null && !accessKey.isBlank(),
                    "S3 access key is empty (set POLYGON_S3_KEY or config/credentials.yaml)");
            Preconditions.checkArgument(secretKey != null && !secretKey.isBlank(),
                    "S3 secret key is empty (set POLYGON_S3_SECRET or config/credentials.yaml)");
        } else {
            requireNonNull(localRoot, "localRoot is null");
        }
    }

    public static SourceSettings s3(URI endpoint, String bucket, String region, String accessKey, String secretKey) {
        return new SourceSettings(Kind.S3, endpoint, bucket, region, accessKey, secretKey, null);
    }

    public static SourceSettings local(Path localRoot) {
        return new SourceSettings(Kind.LOCAL, null, null, null, null, null, localRoot);
    }

    /** Where the files come from, in words fit for a log line; never the secret. */
    public String describe() {
        return kind == Kind.S3
                ? String.format("s3 bucket '%s' at %s", bucket, endpoint)
                : String.format("local folder %s", localRoot);
    }

    @Override
    public String toString() {
        if (kind == Kind.LOCAL) {
            return "SourceSettings[kind=local, localRoot=" + localRoot + "]";
        }
        return "SourceSettings[kind=s3, endpoint=" + endpoint + ", bucket=" + bucket + ", region=" + region
                + ", accessKey=" + maskedAccessKey() + ", secretKey=****]";
    }

    /** The first four characters of the access key: enough to tell keys apart, too little to use. */
    private String maskedAccessKey() {
        return accessKey.substring(0, Math.min(4, accessKey.length())) + "****";
    }
}
