package quantmini.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quantmini.core.DataType;
import quantmini.download.LoopbackS3;
import quantmini.fixtures.FixtureSpec;
import quantmini.fixtures.FlatFileGenerator;

/**
 * kill -9 at random points of a whole {@code backfill}, each followed by a rerun to the end: the
 * lake must be the one a run that was never killed makes. The packaged application runs in its
 * own process against a real S3 server in this JVM. One kill falls in each stage (download,
 * ingest, features, gold) and one anywhere, each at a random offset into the stage, drawn from
 * the stage's length in a clean run. The seed is new each time, so that runs explore other
 * points, and every failure names it: {@code mvn verify -Dquantmini.kill.seed=N} replays the kill
 * points. Where each one lands also depends on the machine's speed, so the message says after
 * which line of its output each victim died.
 */
class KilledBackfillIT {
    private static final FixtureSpec SPEC = FixtureSpec.small().withStockTickers(12).withOptionUnderlyings(1).withChainShape(1, 1);
    /** A week: few files, because each costs the same fixed work in all eleven runs. */
    private static final LocalDate FROM = LocalDate.of(2024, 3, 11);
    private static final LocalDate TO = LocalDate.of(2024, 3, 15);
    private static final String[] BACKFILL = {"-q", "backfill", "--from", FROM.toString(), "--to", TO.toString()};

    /** The stages of a backfill in the order it runs them, told apart by the lines it prints. */
    enum Stage { DOWNLOAD, INGEST, FEATURES, GOLD }

    /** Where a victim dies: this long after its output shows that {@code stage} began. */
    private record KillPoint(Stage stage, long offsetMillis) {
        @Override
        public String toString() {
            return stage + "+" + offsetMillis + "ms";
        }
    }

    @TempDir
    Path work;

    @Test
    void aBackfillKilledAtRandomPointsThenRerunGivesTheLakeOfACleanRun() throws Exception {
        long seed = Long.getLong("quantmini.kill.seed", new SecureRandom().nextLong());
        try (LoopbackS3 s3 = new LoopbackS3()) {
            String bucket = s3.newBucket();
            s3.putAll(bucket, new FlatFileGenerator(SPEC).writeRange(work.resolve("generated"), List.of(DataType.values()), FROM, TO));
            QuantminiJar jar = new QuantminiJar(work, S3Environment.of(s3.endpoint(), bucket, work.resolve("config")));

            Path clean = work.resolve("clean");
            Map<Stage, Long> stageMillis = timeStages(jar, clean);
            Random random = new Random(seed);
            List<KillPoint> points = new ArrayList<>();
            for (Stage stage : Stage.values()) {
                points.add(new KillPoint(stage, (long) (random.nextDouble() * stageMillis.get(stage))));
            }
            Stage anywhere = Stage.values()[random.nextInt(Stage.values().length)];
            points.add(new KillPoint(anywhere, (long) (random.nextDouble() * stageMillis.get(anywhere))));

            List<String> outcomes = new ArrayList<>();
            for (int i = 0; i < points.size(); i++) {
                String replay = String.format(Locale.ROOT, "seed %d (replay with -Dquantmini.kill.seed=%d), stage lengths %s ms, "
                        + "kill points %s, kill %d", seed, seed, stageMillis, points, i + 1);
                Path victim = work.resolve("killed-" + (i + 1));
                outcomes.add(killAt(jar, victim, points.get(i)));
                QuantminiJar.Run rerun = jar.run(victim, BACKFILL);
                assertEquals(0, rerun.exitCode(), replay + ", " + outcomes + ": the rerun failed:\n" + rerun.out());
                List<String> differences = LakeComparison.differences(clean, victim);
                assertTrue(differences.isEmpty(), LakeComparison.describe(replay + ", " + outcomes
                        + ": the rerun's lake differs from a clean run's", differences));
            }
            System.out.printf(Locale.ROOT, "KilledBackfillIT: seed %d, stage lengths %s ms, kills %s%n", seed, stageMillis, outcomes);
        }
    }

    /** Runs the clean backfill into {@code lake} and measures how long each stage took. */
    private static Map<Stage, Long> timeStages(QuantminiJar jar, Path lake) throws IOException, InterruptedException {
        long started = System.nanoTime();
        Process process = jar.command(lake, BACKFILL).start();
        Map<Stage, Long> startMillis = new EnumMap<>(Stage.class);
        StageTracker tracker = new StageTracker();
        StringBuilder out = new StringBuilder();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                out.append(line).append('\n');
                tracker.onLine(line).ifPresent(stage -> startMillis.put(stage, millisSince(started)));
            }
        }
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "the clean backfill did not end: " + out);
        long ended = millisSince(started);
        assertEquals(0, process.exitValue(), "the clean backfill failed:\n" + out);
        assertEquals(Stage.values().length, startMillis.size(), "a stage's first line is missing:\n" + out);
        Map<Stage, Long> lengths = new EnumMap<>(Stage.class);
        for (Stage stage : Stage.values()) {
            long end = stage.ordinal() + 1 < Stage.values().length ? startMillis.get(Stage.values()[stage.ordinal() + 1]) : ended;
            lengths.put(stage, Math.max(1, end - startMillis.get(stage)));
        }
        return lengths;
    }

    /**
     * Starts a backfill into {@code lake} and kills it with SIGKILL at {@code point}; returns
     * what happened, with the last line the victim printed, for the failure messages.
     */
    private static String killAt(QuantminiJar jar, Path lake, KillPoint point) throws IOException, InterruptedException {
        Process victim = jar.command(lake, BACKFILL).start();
        StageTracker tracker = new StageTracker();
        String last = "(nothing)";
        boolean killed = false;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(victim.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                last = line;
                if (!killed && tracker.onLine(line).filter(point.stage()::equals).isPresent()) {
                    Thread.sleep(point.offsetMillis());
                    killed = victim.isAlive();
                    // SIGKILL: no shutdown hook, no finally block runs. Through the handle, which
                    // leaves the pipe open to read what the victim printed before it died.
                    victim.toHandle().destroyForcibly();
                }
            }
        } finally {
            victim.destroyForcibly();
        }
        assertTrue(victim.waitFor(1, TimeUnit.MINUTES), "the victim did not die");
        return point + (killed ? " killed after '" : " ended before the kill, exit " + victim.exitValue() + ", after '") + last + "'";
    }

    private static long millisSince(long nanoTime) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanoTime);
    }

    /** Follows a backfill's output line by line and says when a stage begins. */
    private static final class StageTracker {
        private Stage current;
        private int listings;
        private int silverSummaries;

        /** The stage that begins with this line, if one does. */
        Optional<Stage> onLine(String line) {
            Stage next = null;
            if (current == null && line.contains(" files from ") && ++listings == DataType.values().length) {
                next = Stage.DOWNLOAD; // every type is listed; the mirror starts
            } else if (current == Stage.DOWNLOAD && line.startsWith("ingest: ") && line.contains(" landed files")) {
                next = Stage.INGEST;
            } else if (current == Stage.INGEST && line.matches("ingest: \\d+ days, .*")) {
                next = Stage.FEATURES;
            } else if (current == Stage.FEATURES && line.contains(" dates written, ")
                    && ++silverSummaries == DataType.values().length) {
                next = Stage.GOLD;
            }
            if (next == null) {
                return Optional.empty();
            }
            current = next;
            return Optional.of(next);
        }
    }
}
