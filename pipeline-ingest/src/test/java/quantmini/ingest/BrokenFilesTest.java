package quantmini.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import quantmini.core.DataType;
import quantmini.core.FlatFileKey;
import quantmini.core.config.IngestMode;
import quantmini.fixtures.BrokenFile;
import quantmini.fixtures.BrokenFileKind;
import quantmini.fixtures.BrokenFiles;
import quantmini.fixtures.FixtureSpec;
import quantmini.fixtures.FlatFileGenerator;
import quantmini.fixtures.RowProblem;
import quantmini.storage.DuckDb;
import quantmini.storage.LakeLayout;

class BrokenFilesTest {
    private static final LocalDate DAY = LocalDate.of(2024, 3, 28);
    private static final BrokenFiles BROKEN = new BrokenFiles(new FlatFileGenerator(FixtureSpec.small()));

    @TempDir
    Path root;

    static List<Arguments> cases() {
        List<Arguments> cases = new java.util.ArrayList<>();
        for (BrokenFileKind kind : BrokenFileKind.values()) {
            for (IngestMode mode : IngestMode.values()) {
                cases.add(Arguments.of(kind, DataType.STOCKS_DAILY, mode));
            }
            cases.add(Arguments.of(kind, DataType.STOCKS_MINUTE, IngestMode.STREAMING));
            cases.add(Arguments.of(kind, DataType.OPTIONS_DAILY, IngestMode.STREAMING));
        }
        return cases;
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void eachBrokenKindIsHandledAsTheFixtureSays(BrokenFileKind kind, DataType type, IngestMode mode) throws Exception {
        LakeLayout layout = new LakeLayout(root);
        BrokenFile broken = BROKEN.make(kind, type, DAY);
        FlatFileKey key = Lakes.put(layout, new FlatFileKey(type, DAY), broken.gzipBytes());
        // small chunks: the streaming mode meets the bad rows across chunk and run boundaries
        IngestSummary summary = Lakes.ingest(layout, mode, IngestOptions.defaults().withChunkRows(700, 100), List.of(key));
        DayReport day = summary.days().get(0);
        Path source = layout.landingFile(key);

        if (!kind.readable()) {
            assertFalse(day.succeeded(), kind + " must fail its day");
            String error = day.error().orElseThrow();
            assertTrue(error.matches("\\Q" + source + "\\E:\\d+: .+"), error);
            assertEquals(Map.of(), Lakes.outputs(layout), "an unreadable file writes nothing");
            return;
        }
        assertTrue(day.succeeded(), () -> day.error().orElse(""));
        assertEquals(broken.goodRows(), day.rowsWritten());
        assertEquals(broken.badLines().size(), day.rowsQuarantined());
        assertEquals(day.rowsIn(), day.rowsWritten() + day.rowsQuarantined());

        Path quarantine = layout.quarantineFile(type, DAY);
        if (broken.badLines().isEmpty()) {
            assertFalse(Files.exists(quarantine));
        } else {
            Map<Integer, String> reasons = new TreeMap<>();
            List<String> lines = Files.readAllLines(quarantine, StandardCharsets.UTF_8);
            assertEquals(QuarantineWriter.HEADER, lines.get(0));
            for (String line : lines.subList(1, lines.size())) {
                String[] parts = line.split(",", 3);
                reasons.put(Integer.parseInt(parts[0]), parts[1]);
                assertTrue(parts[2].startsWith("\"") && parts[2].endsWith("\""), line);
            }
            Map<Integer, String> expected = new TreeMap<>();
            broken.badLines().forEach((line, problem) -> expected.put(line, reasonOf(problem)));
            assertEquals(expected, reasons);
            // the quarantined text is the source line itself
            List<String> sourceLines = List.of(new String(new java.util.zip.GZIPInputStream(
                    new java.io.ByteArrayInputStream(broken.gzipBytes())).readAllBytes(), StandardCharsets.UTF_8).split("\r?\n"));
            for (String line : lines.subList(1, lines.size())) {
                String[] parts = line.split(",", 3);
                String text = parts[2].substring(1, parts[2].length() - 1).replace("\"\"", "\"");
                assertEquals(sourceLines.get(Integer.parseInt(parts[0]) - 1), text);
            }
        }
        if (broken.goodRows() > 0) {
            Path bronze = layout.bronzeFile(type, DAY);
            assertEquals(broken.goodRows(), Lakes.count("SELECT count(*) FROM read_parquet(" + DuckDb.literal(bronze) + ")"));
            assertEquals(0, Lakes.count("SELECT count(*) FROM (SELECT ticker, window_start FROM read_parquet("
                    + DuckDb.literal(bronze) + ") GROUP BY ALL HAVING count(*) > 1)"));
            BronzeRoundTripTest.assertInBronzeOrder(bronze, type.isOptions());
        } else {
            assertFalse(Files.exists(layout.bronzeFile(type, DAY)));
        }
    }

    /** The quarantine reason the ingest gives each fixture problem. */
    static String reasonOf(RowProblem problem) {
        return RejectReason.valueOf(problem.name()).code();
    }
}
