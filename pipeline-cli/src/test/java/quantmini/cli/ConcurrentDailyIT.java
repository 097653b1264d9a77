package quantmini.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quantmini.core.DataType;
import quantmini.core.calendar.UsEquityCalendar;
import quantmini.download.FaultProxy;
import quantmini.download.LoopbackS3;
import quantmini.fixtures.FixtureSpec;
import quantmini.fixtures.FlatFileGenerator;

/**
 * Two {@code daily} runs on one lake, started together as two processes of the packaged
 * application (cron and a user, say): one does the work, the other exits 3 naming the holder's
 * pid, and the lake is what one run alone makes.
 */
class ConcurrentDailyIT {
    private static final FixtureSpec SPEC = FixtureSpec.small().withStockTickers(12).withOptionUnderlyings(1).withChainShape(1, 1);
    private static final LocalDate TODAY = LocalDate.of(2024, 3, 8);
    /** With no watermark yet, daily loads this many trading days before today; two keep the test short. */
    private static final int RECHECK = 2;

    @TempDir
    Path work;

    @Test
    void oneOfTwoDailyRunsStartedTogetherWorksAndTheOtherExits3NamingTheHoldersPid() throws Exception {
        LocalDate first = UsEquityCalendar.minusTradingDays(TODAY, RECHECK);
        try (LoopbackS3 s3 = new LoopbackS3()) {
            String bucket = s3.newBucket();
            s3.putAll(bucket, new FlatFileGenerator(SPEC).writeRange(work.resolve("generated"), List.of(DataType.values()),
                    first.minusDays(7), TODAY));
            Path lake = work.resolve("lake");
            Map<Process, Path> outputs = new HashMap<>();
            Process winner;
            Process loser;
            // The lock holder's downloads wait at this gate until the other run has ended, so
            // that the two overlap however the machine schedules their start.
            CountDownLatch otherRunEnded = new CountDownLatch(1);
            try (FaultProxy gate = new FaultProxy(s3.port(), (method, path, attempt) -> {
                if (path.endsWith(".csv.gz")) {
                    awaitQuietly(otherRunEnded);
                }
                return FaultProxy.Fault.NONE;
            })) {
                QuantminiJar jar = new QuantminiJar(work, S3Environment.of(gate.endpoint(), bucket, work.resolve("config")));
                for (String name : List.of("one", "other")) {
                    Path output = work.resolve(name + ".out");
                    outputs.put(jar.command(lake, "-q", "-D", "daily.recheck_trading_days=" + RECHECK, "daily", "--today", TODAY.toString())
                            .redirectOutput(output.toFile()).start(), output);
                }
                List<Process> runs = List.copyOf(outputs.keySet());
                loser = (Process) CompletableFuture.anyOf(runs.get(0).onExit(), runs.get(1).onExit()).get(2, TimeUnit.MINUTES);
                otherRunEnded.countDown();
                winner = loser == runs.get(0) ? runs.get(1) : runs.get(0);
                assertTrue(winner.waitFor(2, TimeUnit.MINUTES), "the lock holder did not end");
            }
            String loserOut = Files.readString(outputs.get(loser), StandardCharsets.UTF_8);
            String winnerOut = Files.readString(outputs.get(winner), StandardCharsets.UTF_8);
            assertEquals(3, loser.exitValue(), "the run that ended first should have found the lock held:\n" + loserOut);
            assertTrue(loserOut.contains("another run holds the lock") && loserOut.contains("pid " + winner.pid() + ","),
                    "the message names the holder, pid " + winner.pid() + ":\n" + loserOut);
            assertEquals(0, winner.exitValue(), winnerOut);

            QuantminiJar direct = new QuantminiJar(work, S3Environment.of(s3.endpoint(), bucket, work.resolve("config")));
            QuantminiJar.Run validate = direct.run(lake, "-q", "validate");
            assertEquals(0, validate.exitCode(), "the lake of the run that worked is valid:\n" + validate.out());
            Path alone = work.resolve("alone");
            QuantminiJar.Run backfill = direct.run(alone, "-q", "backfill", "--from", first.toString(), "--to", TODAY.toString());
            assertEquals(0, backfill.exitCode(), backfill.out());
            List<String> differences = LakeComparison.differences(alone, lake);
            assertTrue(differences.isEmpty(), LakeComparison.describe("the lake differs from one run's alone", differences));
        }
    }

    /** Holds a request of the lock holder; gives up after a minute so that a failing test still ends. */
    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
