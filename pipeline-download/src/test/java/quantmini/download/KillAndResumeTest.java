package quantmini.download;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
 * The "kill -9 mid-download, rerun" check, for real: a mirror in a child JVM is killed
 * with SIGKILL while one object is half written, and a rerun must leave landing exactly as an
 * uninterrupted run does.
 */
class KillAndResumeTest {
    private static final LocalDate FROM = LocalDate.of(2024, 3, 4);
    private static final LocalDate TO = LocalDate.of(2024, 3, 8);

    @TempDir
    Path temp;

    @Test
    void aRunKilledMidDownloadThenRerunLandsWhatAnUninterruptedRunLands() throws Exception {
        try (LoopbackS3 s3 = new LoopbackS3()) {
            String bucket = s3.newBucket();
            List<GeneratedFile> files = new FlatFileGenerator(FixtureSpec.small())
                    .writeRange(temp.resolve("generated"), List.of(DataType.STOCKS_MINUTE), FROM, TO);
            s3.putAll(bucket, files);
            FlatFileKey stalled = new FlatFileKey(DataType.STOCKS_MINUTE, LocalDate.of(2024, 3, 6));
            LakeLayout killed = new LakeLayout(temp.resolve("killed"));

            try (FaultProxy proxy = new FaultProxy(s3.port(),
                    (method, path, attempt) -> path.endsWith(stalled.objectKey()) ? Fault.STALL : Fault.NONE)) {
                Process child = startMirrorProcess(proxy.endpoint().toString(), bucket, killed.dataRoot());
                try {
                    Path partial = awaitPartialFile(killed.landingFile(stalled), child);
                    child.destroyForcibly(); // SIGKILL on Linux and macOS
                    assertTrue(child.waitFor(30, TimeUnit.SECONDS), "child not killed");
                    assertTrue(Files.size(partial) > 0, "the kill came before any byte of the stalled object");
                } finally {
                    child.destroyForcibly();
                }
            }
            assertFalse(Files.exists(killed.landingFile(stalled)), "a half-written object is in landing");

            MirrorResult rerun = mirror(s3, bucket, killed);
            assertTrue(rerun.landedKeys().contains(stalled), rerun.results().toString());
            assertEquals(0, rerun.filesFailed());

            LakeLayout uninterrupted = new LakeLayout(temp.resolve("uninterrupted"));
            mirror(s3, bucket, uninterrupted);
            assertEquals(tree(uninterrupted.dataRoot()), tree(killed.dataRoot()));
            assertEquals(files.size() * 2, tree(killed.dataRoot()).size(), "a file and its ETag record per day, nothing else");
        }
    }

    private Process startMirrorProcess(String endpoint, String bucket, Path dataRoot) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                MirrorProcess.class.getName(), endpoint, bucket, dataRoot.toString(), FROM.toString(), TO.toString());
        builder.redirectErrorStream(true);
        builder.redirectOutput(temp.resolve("child.log").toFile());
        return builder.start();
    }

    /** Waits until the stalled object's temporary file holds bytes: the child is mid-download. */
    private Path awaitPartialFile(Path target, Process child) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            assertTrue(child.isAlive(), () -> "child ended early: " + childLog());
            File[] partial = target.getParent().toFile().listFiles(
                    (dir, name) -> name.startsWith("." + target.getFileName() + ".") && name.endsWith(".tmp"));
            if (partial != null && partial.length == 1 && partial[0].length() > 0) {
                return partial[0].toPath();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no partial file within 60 s: " + childLog());
    }

    private String childLog() {
        try {
            return Files.readString(temp.resolve("child.log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static MirrorResult mirror(LoopbackS3 s3, String bucket, LakeLayout layout) {
        try (FlatFileSource source = FlatFileSource.open(s3.settings(bucket), 2)) {
            List<CatalogEntry> entries = new FlatFileCatalog(source, RetryPolicy.defaults()).list(DataType.STOCKS_MINUTE, FROM, TO);
            return new LandingMirror(source, layout, MirrorSettings.defaults()).mirror(entries, ProgressListener.NONE);
        }
    }

    /** Relative path to SHA-256 of every file under root, ETag records included. */
    private static Map<String, String> tree(Path root) {
        Map<String, String> tree = new LinkedHashMap<>();
        for (Path file : TestFiles.filesUnder(root)) {
            tree.put(root.relativize(file).toString(), TestFiles.sha256(file));
        }
        return tree;
    }
}
