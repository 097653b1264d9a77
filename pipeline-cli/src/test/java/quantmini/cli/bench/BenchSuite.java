package quantmini.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import quantmini.core.io.AtomicFiles;

/**
 * The benchmark suite behind {@code scripts/bench}: runs the named cases (all by default), each
 * beside its reference in the same run, and writes {@code target/bench/results.json} and
 * {@code target/bench/results.md}; with {@code --write-docs} also the table in docs/PERFORMANCE.md.
 *
 * <p>Arguments: {@code REPO [--quick] [--write-docs] [--jfr] [CASE...]}. The JVM-side workloads run in
 * JVMs of their own ({@link BenchWorker}), the rest as the processes a user would start, so that
 * each side's peak RSS is its own.
 */
public final class BenchSuite {
    private static final List<BenchCase> CASES = List.of(new FloorCase(), new DownloadCase(), new BronzeCase(), new SilverCase(),
            new GoldCase(), new EndToEndCase());
    private static final String JMH = "jmh";

    private BenchSuite() {}

    public static void main(String[] args) throws Exception {
        Path repo = Path.of(args[0]).toAbsolutePath().normalize();
        boolean quick = false;
        boolean writeDocs = false;
        boolean record = false;
        List<String> names = new ArrayList<>();
        for (String arg : List.of(args).subList(1, args.length)) {
            switch (arg) {
                case "--quick":
                    quick = true;
                    break;
                case "--write-docs":
                    writeDocs = true;
                    break;
                case "--jfr":
                    record = true;
                    break;
                default:
                    names.add(arg);
            }
        }
        if (record && writeDocs) {
            System.err.println("--jfr and --write-docs: a recorded run is slower than a plain one; its figures are not for the docs");
            System.exit(2);
        }
        Map<String, BenchCase> known = new LinkedHashMap<>();
        CASES.forEach(c -> known.put(c.name(), c));
        for (String name : names) {
            if (!known.containsKey(name) && !name.equals(JMH)) {
                System.err.println("unknown case " + name + "; the cases are:");
                CASES.forEach(c -> System.err.printf("  %-9s %s%n", c.name(), c.describe()));
                System.err.printf("  %-9s %s%n", JMH, "scripts/bench-jmh (JMH microbenchmarks), where it exists");
                System.exit(2);
            }
        }
        boolean all = names.isEmpty();
        Sizes sizes = quick ? Sizes.quick() : Sizes.full();
        Path work = repo.resolve("target/bench");
        Files.createDirectories(work);
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        String loadAtStart = Machine.loadAverage();
        List<CaseResult> results = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        try (BenchContext context = new BenchContext(repo, work, sizes, record)) {
            for (BenchCase benchCase : CASES) {
                if (!all && !names.contains(benchCase.name())) {
                    continue;
                }
                System.err.printf(Locale.ROOT, "== %s: %s%n", benchCase.name(), benchCase.describe());
                long start = System.nanoTime();
                try {
                    for (CaseResult result : benchCase.run(context)) {
                        results.add(result);
                        System.err.printf(Locale.ROOT, "   %s: %.2f s (%s)%s%n", result.name(), result.measured().median(), result.measured().label(),
                                result.ratio().map(r -> String.format(Locale.ROOT, ", %s %.2f s, ratio %.2f", result.reference().get().label(),
                                        result.reference().get().median(), r)).orElse(""));
                    }
                } catch (Exception e) {
                    failed.add(benchCase.name());
                    System.err.println("   FAILED: " + e);
                }
                System.err.printf(Locale.ROOT, "   (%s took %.0f s)%n", benchCase.name(), (System.nanoTime() - start) / 1e9);
            }
        }
        Optional<JsonNode> jmh = Optional.empty();
        if (all || names.contains(JMH)) {
            jmh = jmh(repo, work, quick, started, failed);
        }
        String command = "scripts/bench" + (quick ? " --quick" : "") + (all ? "" : " " + String.join(" ", names));
        Report report = new Report(command, sizes, Machine.describe(), started, loadAtStart, Machine.loadAverage(), results, jmh);
        AtomicFiles.writeString(work.resolve("results.json"), report.json());
        AtomicFiles.writeString(work.resolve("results.md"), report.markdown());
        System.out.println(report.markdown());
        System.err.printf(Locale.ROOT, "results: %s and results.md; the whole run took %.0f s%n", work.resolve("results.json"),
                (System.nanoTime() - t0) / 1e9);
        if (!failed.isEmpty()) {
            System.err.println("failed: " + String.join(", ", failed) + " (docs/PERFORMANCE.md left as it was)");
            System.exit(1);
        }
        if (writeDocs) {
            report.writeInto(repo.resolve("docs/PERFORMANCE.md"));
            System.err.println("docs/PERFORMANCE.md: the table between " + Report.START + " and " + Report.END + " is this run's");
        }
    }

    /** Runs scripts/bench-jmh where it exists and returns the JSON it wrote to target/bench/jmh.json during this run. */
    private static Optional<JsonNode> jmh(Path repo, Path work, boolean quick, Instant started, List<String> failed) throws Exception {
        Path script = repo.resolve("scripts/bench-jmh");
        if (!Files.isExecutable(script)) {
            System.err.println("== jmh: skipped, there is no scripts/bench-jmh in this checkout");
            return Optional.empty();
        }
        System.err.println("== jmh: " + script + (quick ? " --quick" : ""));
        List<String> command = new ArrayList<>(List.of(script.toString()));
        if (quick) {
            command.add("--quick");
        }
        int exit = new ProcessBuilder(command).directory(repo.toFile()).inheritIO().start().waitFor();
        if (exit != 0) {
            failed.add(JMH);
            System.err.println("   FAILED: scripts/bench-jmh exited with " + exit);
            return Optional.empty();
        }
        Path json = work.resolve("jmh.json");
        if (Files.exists(json) && Files.getLastModifiedTime(json).toInstant().isAfter(started)) {
            return Optional.of(Report.parse(json));
        }
        System.err.println("   scripts/bench-jmh wrote no target/bench/jmh.json; its figures are in its own output above");
        return Optional.empty();
    }
}
