package quantmini.core.config;

import static java.util.Objects.requireNonNull;

import quantmini.core.Preconditions;

/**
 * The access key and secret for the vendor's bucket. {@link #toString()} shows neither in full,
 * so the pair can never reach a log line or an error message by accident.
 */
public final class S3Credentials {
    private final String accessKeyId;
    private final String secretAccessKey;

    public S3Credentials(String accessKeyId, String secretAccessKey) {
        this.accessKeyId = requireNonNull(accessKeyId, "accessKeyId is null").trim();
        this.secretAccessKey = requireNonNull(secretAccessKey, "secretAccessKey is null").trim();
        Preconditions.checkArgument(!this.accessKeyId.isEmpty(), "access key is empty");
        Preconditions.checkArgument(!this.secretAccessKey.isEmpty(), "secret is empty");
    }

    public String accessKeyId() {
        return accessKeyId;
    }

    public String secretAccessKey() {
        return secretAccessKey;
    }

    /** The first four characters of the access key, enough for a user to tell keys apart. */
    public String maskedAccessKeyId() {
        return accessKeyId.substring(0, Math.min(4, accessKeyId.length())) + "****";
    }

    @Override
    public String toString() {
        return "S3Credentials{accessKeyId=" + maskedAccessKeyId() + ", secret=****}";
    }
}
