package quantmini.cli.bench;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import quantmini.core.io.FileTrees;

/**
 * What every case needs: the checkout, the folder the suite works in ({@code target/bench}), the
 * sizes and plans of this run, the inputs, and the loopback S3 server (started on first use).
 */
final class BenchContext implements AutoCloseable {
    private final Path repo;
    private final Path work;
    private final Sizes sizes;
    private final boolean record;
    private final Inputs inputs;
    private LoopbackS3Process s3;

    /**
     * @param record whether quantmini's sides run with a flight recording (JFR, profile settings)
     *     into {@code target/bench/jfr/}, the last run's kept
     */
    BenchContext(Path repo, Path work, Sizes sizes, boolean record) {
        this.repo = requireNonNull(repo, "repo is null");
        this.work = requireNonNull(work, "work is null");
        this.sizes = requireNonNull(sizes, "sizes is null");
        this.record = record;
        this.inputs = new Inputs(work.resolve("inputs"));
    }

    Path repo() {
        return repo;
    }

    Sizes sizes() {
        return sizes;
    }

    Inputs inputs() {
        return inputs;
    }

    /** A scratch folder of a case, emptied first. */
    Path scratch(String name) throws IOException {
        Path folder = work.resolve("scratch").resolve(name);
        FileTrees.deleteRecursively(folder);
        Files.createDirectories(folder);
        return folder;
    }

    /**
     * Runs processes of a case in a scratch folder (so no ./config or ./data of the checkout is
     * used), their output in {@code target/bench/logs/ROW}.
     *
     * @param row the case and its row, e.g. {@code bronze/stocks_minute day}; names the log folder
     */
    TimedProcess processes(String row, Map<String, String> environment) throws IOException {
        String folderName = Arrays.stream(row.split("/")).map(TimedProcess::fileName).collect(Collectors.joining("/"));
        Path folder = work.resolve("scratch").resolve(folderName);
        Files.createDirectories(folder);
        return new TimedProcess(folder, environment, work.resolve("logs").resolve(folderName));
    }

    /** The folder whose subfolders the loopback server serves as buckets. */
    Path s3Root() {
        return work.resolve("inputs").resolve("s3");
    }

    LoopbackS3Process s3() throws IOException, InterruptedException {
        if (s3 == null) {
            Files.createDirectories(work.resolve("logs"));
            s3 = LoopbackS3Process.start(repo, s3Root(), work.resolve("logs").resolve("loopback-s3.log"));
        }
        return s3;
    }

    /** The runnable jar, as {@code ./quantmini} starts it (the script itself would rebuild a stale jar mid-run). */
    List<String> quantmini(String... arguments) {
        return quantmini(List.of(), List.of(arguments));
    }

    /** The jar measured as quantmini's side of ROW: with a flight recording when asked for. */
    List<String> measuredQuantmini(String row, String... arguments) throws IOException {
        return quantmini(recording(row), List.of(arguments));
    }

    private List<String> quantmini(List<String> jvmOptions, List<String> arguments) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:MaxRAMPercentage=50", "--add-opens=java.base/java.nio=ALL-UNNAMED"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", repo.resolve("pipeline-cli/target/quantmini.jar").toString(), "-q"));
        command.addAll(arguments);
        return command;
    }

    /** A workload of quantmini in a worker JVM, as its side of ROW: with a flight recording when asked for. */
    WorkerSide quantminiWorker(String label, String row, Optional<String> heap, String... workload) throws IOException {
        return new WorkerSide(label, processes(row, Map.of()), heap, recording(row + " " + label), List.of(workload));
    }

    /** A reference workload in a worker JVM (never recorded: the recording would slow the reference, not explain quantmini). */
    WorkerSide referenceWorker(String label, String row, String... workload) throws IOException {
        return new WorkerSide(label, processes(row, Map.of()), Optional.empty(), List.of(), List.of(workload));
    }

    private List<String> recording(String name) throws IOException {
        if (!record) {
            return List.of();
        }
        Path folder = work.resolve("jfr");
        Files.createDirectories(folder);
        Path file = folder.resolve(TimedProcess.fileName(name) + ".jfr");
        return List.of("-XX:StartFlightRecording=settings=profile,filename=" + file);
    }

    @Override
    public void close() throws InterruptedException {
        if (s3 != null) {
            s3.close();
        }
    }
}
