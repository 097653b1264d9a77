package quantmini.cli.bench;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code scripts/loopback-s3} serving a folder of buckets on a free loopback port, for the cases
 * that download: the same S3Proxy server the tests use, on its filesystem backend.
 */
final class LoopbackS3Process implements AutoCloseable {
    static final String KEY = "local-identity";
    static final String SECRET = "local-credential";

    private final Process process;
    private final int port;

    private LoopbackS3Process(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static LoopbackS3Process start(Path repo, Path root, Path log) throws IOException, InterruptedException {
        requireNonNull(repo, "repo is null");
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Process process = new ProcessBuilder(repo.resolve("scripts/loopback-s3").toString(), root.toString(), Integer.toString(port))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        LoopbackS3Process server = new LoopbackS3Process(process, port);
        for (int attempt = 0; attempt < 240; attempt++) {
            if (!process.isAlive()) {
                throw new IOException("scripts/loopback-s3 exited with " + process.exitValue() + "; its output: " + log);
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return server;
            } catch (IOException notYet) {
                Thread.sleep(250);
            }
        }
        server.close();
        throw new IOException("scripts/loopback-s3 did not listen on port " + port + " within a minute; its output: " + log);
    }

    String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** What quantmini reads to use this server and BUCKET instead of the vendor's. */
    Map<String, String> quantminiEnvironment(String bucket) {
        return Map.of("POLYGON_S3_ENDPOINT", endpoint(), "POLYGON_S3_BUCKET", bucket, "POLYGON_S3_KEY", KEY, "POLYGON_S3_SECRET", SECRET);
    }

    /** What awscli reads for the same. */
    Map<String, String> awsEnvironment() {
        return Map.of("AWS_ACCESS_KEY_ID", KEY, "AWS_SECRET_ACCESS_KEY", SECRET, "AWS_DEFAULT_REGION", "us-east-1");
    }

    /** {@code aws s3 cp --recursive} of everything under an S3 URI of this server into a folder. */
    List<String> awsCopy(String sourceUri, Path target) {
        return List.of("aws", "--endpoint-url", endpoint(), "s3", "cp", "--recursive", "--only-show-errors", sourceUri, target.toString());
    }

    @Override
    public void close() throws InterruptedException {
        // the script's java child first, then the script, so that no server outlives the suite
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        process.waitFor();
    }
}
