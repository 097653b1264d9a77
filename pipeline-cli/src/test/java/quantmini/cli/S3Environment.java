package quantmini.cli;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import quantmini.download.LoopbackS3;

/**
 * The environment a user sets to read the flat files from an S3 server, here the tests'
 * loopback one: endpoint, bucket and credentials, and the configuration folder.
 */
final class S3Environment {
    private S3Environment() {}

    /** {@code endpoint} is the loopback server's, or that of a proxy in front of it. */
    static Map<String, String> of(URI endpoint, String bucket, Path configRoot) {
        return Map.of(
                "POLYGON_S3_ENDPOINT", endpoint.toString(),
                "POLYGON_S3_BUCKET", bucket,
                "POLYGON_S3_KEY", LoopbackS3.ACCESS_KEY,
                "POLYGON_S3_SECRET", LoopbackS3.SECRET_KEY,
                "CONFIG_ROOT", configRoot.toString());
    }
}
