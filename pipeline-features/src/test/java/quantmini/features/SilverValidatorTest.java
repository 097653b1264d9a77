package quantmini.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quantmini.core.DataType;
import quantmini.core.io.FileTrees;
import quantmini.core.progress.ProgressListener;
import quantmini.core.validation.DateRange;
import quantmini.core.validation.Finding;
import quantmini.core.validation.LayerReport;
import quantmini.storage.LakeLayout;

/** Silver checked by recomputing it from bronze and comparing value for value. */
class SilverValidatorTest {
    private static final LocalDate DAY = TestLake.DAYS.get(40);

    @TempDir
    static Path shared;

    @TempDir
    Path temp;

    static TestLake lake;

    @BeforeAll
    static void generate() throws Exception {
        lake = TestLake.generate(shared.resolve("source"));
    }

    /** A lake with this test's own copy of bronze and silver built from it in batches. */
    private LakeLayout built(DataType type, List<LocalDate> days) {
        LakeLayout layout;
        try {
            layout = lake.copyBronzeTo(temp.resolve("lake"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        SilverBuildSummary summary = new SilverBuilder(layout, StandardFeatures.registry(), TestLake.LIMITS,
                SilverOptions.defaults().withDatesPerBatch(16)).build(type, days.get(0), days.get(days.size() - 1), false,
                ProgressListener.NONE);
        assertTrue(summary.succeeded(), summary.failures().toString());
        return layout;
    }

    private static LayerReport validate(LakeLayout layout, DataType type) {
        return new SilverValidator(layout, StandardFeatures.registry(), TestLake.LIMITS, SilverOptions.defaults().withDatesPerBatch(7))
                .validate(type, DateRange.ALL, ProgressListener.NONE);
    }

    private static List<String> reasons(LayerReport report) {
        return report.findings().stream().map(Finding::reason).toList();
    }

    private static void rewrite(Path file, String select) throws Exception {
        Path temporary = file.resolveSibling("rewritten.tmp");
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = duckdb.createStatement()) {
            sql.execute("COPY (" + select.replace("f", "read_parquet('" + file + "', hive_partitioning = false)") + ") TO '" + temporary
                    + "' (FORMAT parquet)");
        }
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void silverBuiltInOtherBatchesRecomputesExactlyForEveryType() throws Exception {
        for (DataType type : DataType.values()) {
            List<LocalDate> days = switch (type) {
                case STOCKS_DAILY -> TestLake.DAYS;
                case STOCKS_MINUTE -> TestLake.MINUTE_DAYS;
                case OPTIONS_DAILY -> TestLake.OPTION_DAYS;
                case OPTIONS_MINUTE -> TestLake.OPTION_MINUTE_DAYS;
            };
            LakeLayout layout = built(type, days);

            LayerReport report = validate(layout, type);

            assertTrue(report.isValid(), type + ": " + reasons(report));
            assertEquals(days.size(), report.checked().get("dates"), type.id());
            assertTrue(report.checked().get("values") > report.checked().get("rows"), report.describe());
            FileTrees.deleteRecursively(temp.resolve("lake"));
        }
    }

    @Test
    void oneAlteredFeatureValueIsNamedWithItsRow() throws Exception {
        LakeLayout layout = built(DataType.STOCKS_DAILY, TestLake.DAYS);
        Path file = layout.silverFile(DataType.STOCKS_DAILY, DAY);
        rewrite(file, "SELECT * REPLACE (CASE WHEN ticker = 'AAPL' THEN return_20d + 0.5 ELSE return_20d END AS return_20d) FROM f"
                + " ORDER BY ticker, window_start");

        LayerReport report = validate(layout, DataType.STOCKS_DAILY);

        assertEquals(2, report.findings().size(), reasons(report).toString());
        Finding row = report.findings().get(0);
        assertEquals(DAY.toString(), row.date());
        assertEquals(layout.relative(file), row.file());
        assertTrue(row.reason().startsWith("row (ticker AAPL, window_start ") && row.reason().contains("): return_20d stored ")
                && row.reason().contains(", recomputed ") && !row.reason().contains(";"), row.reason());
        assertEquals("1 stored rows are not what bronze recomputes, 1 recomputed rows are not stored", report.findings().get(1).reason());
    }

    @Test
    void missingExtraAndShortFilesAreFound() throws Exception {
        LakeLayout layout = built(DataType.STOCKS_DAILY, TestLake.DAYS);
        Files.delete(layout.silverFile(DataType.STOCKS_DAILY, DAY));
        LocalDate before = TestLake.DAYS.get(0).minusDays(7);
        Files.createDirectories(layout.silverFile(DataType.STOCKS_DAILY, before).getParent());
        Files.copy(layout.silverFile(DataType.STOCKS_DAILY, TestLake.DAYS.get(0)), layout.silverFile(DataType.STOCKS_DAILY, before));
        Path shortened = layout.silverFile(DataType.STOCKS_DAILY, TestLake.DAYS.get(1));
        rewrite(shortened, "SELECT * FROM f WHERE ticker <> 'AAPL' ORDER BY ticker, window_start");

        List<String> findings = validate(layout, DataType.STOCKS_DAILY).findings().stream().map(Finding::toString).toList();

        assertTrue(findings.contains("silver stocks_daily " + DAY + " " + layout.relative(layout.silverFile(DataType.STOCKS_DAILY, DAY))
                + ": missing: bronze has this date, silver has no file for it"), findings.toString());
        assertTrue(findings.contains("silver stocks_daily " + before + " " + layout.relative(layout.silverFile(DataType.STOCKS_DAILY, before))
                + ": silver file of a date bronze does not hold"), findings.toString());
        String rows = "silver stocks_daily " + TestLake.DAYS.get(1) + " " + layout.relative(shortened) + ": ";
        assertTrue(findings.stream().anyMatch(f -> f.startsWith(rows) && f.matches(".*: \\d+ rows where bronze holds \\d+")),
                findings.toString());
        assertTrue(findings.stream().anyMatch(f -> f.startsWith(rows + "row (ticker AAPL, ")
                && f.endsWith("): recomputed row missing from silver")), findings.toString());
    }
}
