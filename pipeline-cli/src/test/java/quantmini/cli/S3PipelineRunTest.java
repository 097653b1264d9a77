package quantmini.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quantmini.core.DataType;
import quantmini.core.FlatFileKey;
import quantmini.download.LoopbackS3;
import quantmini.fixtures.FixtureSpec;
import quantmini.fixtures.FlatFileGenerator;
import quantmini.storage.LakeLayout;

/**
 * {@code backfill} and {@code daily} against a real S3 server (S3Proxy in this JVM), read through
 * the AWS SDK client the vendor's bucket is read with and configured only by the environment
 * variables a user sets. Thirty trading days of history loaded at once, then nightly runs as the
 * vendor publishes new days and corrects one, must give the lake that one backfill over the
 * final bucket gives.
 */
class S3PipelineRunTest {
    /** Small: the test takes some 280 day files through every layer. */
    private static final FixtureSpec SPEC = FixtureSpec.small().withStockTickers(12).withOptionUnderlyings(1).withChainShape(1, 1);
    private static final FlatFileGenerator PUBLISHED = new FlatFileGenerator(SPEC);
    private static final FlatFileGenerator CORRECTED = new FlatFileGenerator(SPEC.withSeed(SPEC.seed() + 1));
    private static final LocalDate FIRST = LocalDate.of(2024, 1, 26);
    /** 30 trading days from FIRST (2024-02-19 is a holiday). */
    private static final LocalDate BACKFILLED = LocalDate.of(2024, 3, 8);
    private static final List<LocalDate> NIGHTS = List.of(LocalDate.of(2024, 3, 11), LocalDate.of(2024, 3, 12), LocalDate.of(2024, 3, 13));
    /** Corrected by the vendor after it was loaded; within the recheck window of the last night. */
    private static final LocalDate REPUBLISHED = LocalDate.of(2024, 3, 12);

    @TempDir
    Path temp;

    @Test
    void nightlyRunsAfterABackfillGiveTheLakeOfOneBackfillAlsoWhenTheVendorCorrectsADay() throws Exception {
        try (LoopbackS3 s3 = new LoopbackS3()) {
            String bucket = s3.newBucket();
            publish(s3, bucket, FIRST, BACKFILLED);
            CliRunner nightly = cli(s3, bucket, "nightly");

            CliRunner.Result backfill = nightly.run("backfill", "--from", FIRST.toString(), "--to", BACKFILLED.toString());
            assertEquals(0, backfill.exitCode(), backfill.out() + backfill.err());
            for (DataType type : DataType.values()) {
                String listed = type + ": 30 files from " + FIRST + " to " + BACKFILLED + " in s3 bucket '" + bucket + "' at " + s3.endpoint();
                assertTrue(backfill.out().contains(listed), backfill.out());
            }
            for (LocalDate night : NIGHTS) {
                publish(s3, bucket, night, night);
                CliRunner.Result daily = nightly.run("daily", "--today", night.toString());
                assertEquals(0, daily.exitCode(), daily.out() + daily.err());
                assertTrue(daily.out().contains("download: fetched 4 (0 changed)"), "the new day of each type: " + daily.out());
            }

            // the vendor corrects a loaded day: same keys, other bytes
            List<String> corrected = new ArrayList<>();
            for (DataType type : DataType.values()) {
                FlatFileKey key = new FlatFileKey(type, REPUBLISHED);
                byte[] correction = CORRECTED.dayFile(type, REPUBLISHED);
                assertFalse(Arrays.equals(correction, Files.readAllBytes(new LakeLayout(temp.resolve("nightly")).landingFile(key))),
                        "the correction must change " + key);
                s3.put(bucket, key.objectKey(), correction);
                corrected.add(key.toString());
            }
            LocalDate lastNight = NIGHTS.get(NIGHTS.size() - 1);
            CliRunner.Result redo = nightly.run("daily", "--today", lastNight.toString());
            assertEquals(0, redo.exitCode(), redo.out() + redo.err());
            assertTrue(redo.out().contains("download: fetched 4 (4 changed)"), redo.out());
            JsonNode report = RunReports.newest(temp.resolve("nightly"), "daily");
            assertEquals("success", report.get("outcome").asText(), report.toPrettyString());
            List<String> named = new ArrayList<>();
            report.get("changed_dates").forEach(date -> named.add(date.asText()));
            assertEquals(corrected, named, "the run report names the corrected days");
            assertEquals(4, report.at("/stages/1/units").asInt(), "the corrected days alone are ingested again");

            CliRunner once = cli(s3, bucket, "once");
            CliRunner.Result whole = once.run("backfill", "--from", FIRST.toString(), "--to", lastNight.toString());
            assertEquals(0, whole.exitCode(), whole.out() + whole.err());

            List<String> differences = LakeComparison.differences(temp.resolve("once"), temp.resolve("nightly"));
            assertTrue(differences.isEmpty(), LakeComparison.describe("a backfill and nightly runs made different lakes", differences));
            String watermarks = Files.readString(temp.resolve("nightly/metadata/options/watermarks.json"));
            assertTrue(watermarks.matches("(?s).*\"options_minute\" ?: \"" + lastNight + "\".*"), watermarks);
        }
    }

    /** Configured as a user configures the S3 source: environment variables only. */
    private CliRunner cli(LoopbackS3 s3, String bucket, String lake) {
        Map<String, String> environment = new HashMap<>(S3Environment.of(s3.endpoint(), bucket, temp.resolve("config")));
        environment.put("DATA_ROOT", temp.resolve(lake).toString());
        return new CliRunner(environment);
    }

    private void publish(LoopbackS3 s3, String bucket, LocalDate from, LocalDate to) throws IOException {
        s3.putAll(bucket, PUBLISHED.writeRange(temp.resolve("generated"), List.of(DataType.values()), from, to));
    }
}
