package quantmini.download;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quantmini.core.DataType;
import quantmini.core.FlatFileKey;
import quantmini.core.progress.ProgressListener;
import quantmini.core.validation.DateRange;
import quantmini.core.validation.Finding;
import quantmini.core.validation.LayerReport;
import quantmini.fixtures.FixtureSpec;
import quantmini.fixtures.FlatFileGenerator;
import quantmini.storage.LakeLayout;

/** Landing checked on its own and against a local source's list. */
class LandingValidatorTest {
    private static final LocalDate FIRST = LocalDate.of(2024, 3, 4);
    private static final LocalDate LAST = LocalDate.of(2024, 3, 8);
    private static final FlatFileKey DAY = new FlatFileKey(DataType.STOCKS_DAILY, LocalDate.of(2024, 3, 6));
    private static final String LANDED = "landing/polygon-s3/stocks_daily/2024/03/2024-03-06.csv.gz";

    @TempDir
    Path temp;

    private LakeLayout layout;
    private LocalFlatFileSource source;
    private FlatFileCatalog catalog;
    private long generatedRows;

    @BeforeEach
    void landAWeek() throws Exception {
        generatedRows = new FlatFileGenerator(FixtureSpec.small()).writeRange(temp.resolve("source"), List.of(DataType.STOCKS_DAILY),
                FIRST, LAST).stream().mapToLong(quantmini.fixtures.GeneratedFile::rows).sum();
        layout = new LakeLayout(temp.resolve("lake"));
        source = new LocalFlatFileSource(temp.resolve("source"), 1);
        catalog = new FlatFileCatalog(source, RetryPolicy.defaults());
        MirrorResult landed = new LandingMirror(source, layout, MirrorSettings.defaults())
                .mirror(catalog.list(DataType.STOCKS_DAILY, FIRST, LAST), ProgressListener.NONE);
        assertTrue(landed.failures().isEmpty(), landed.summaryLine());
    }

    @AfterEach
    void closeSource() {
        source.close();
    }

    private LayerReport validate() {
        return new LandingValidator(layout).validate(DataType.STOCKS_DAILY, DateRange.ALL, catalog, ProgressListener.NONE);
    }

    private static List<String> findings(LayerReport report) {
        return report.findings().stream().map(Finding::toString).toList();
    }

    @Test
    void aMirroredWeekIsValidAndEveryFileIsRead() {
        LayerReport report = validate();

        assertTrue(report.isValid(), findings(report).toString());
        assertEquals(5, report.checked().get("files"));
        assertEquals(5, report.checked().get("source files listed"));
        assertEquals(generatedRows, report.checked().get("rows"));
        assertEquals(List.of(), report.warnings());
    }

    @Test
    void aFileWithoutItsRecordIsAnUnfinishedDownload() throws Exception {
        Files.delete(LandingRecord.sidecarOf(layout.landingFile(DAY)));

        assertEquals(List.of("landing stocks_daily 2024-03-06 " + LANDED + ": no size/ETag record beside it (.2024-03-06.csv.gz.etag):"
                + " its download did not finish, the next download fetches it again"), findings(validate()));
    }

    @Test
    void anEtagThatIsAnMd5MustBeTheContentsMd5() throws Exception {
        Path file = layout.landingFile(DAY);
        String wrong = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(new byte[] {1}));
        new LandingRecord(wrong, Files.size(file)).writeBeside(file);
        String right = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(Files.readAllBytes(file)));

        List<String> findings = findings(new LandingValidator(layout).validateOffline(DataType.STOCKS_DAILY, DateRange.ALL, "offline",
                ProgressListener.NONE));

        assertEquals(List.of("landing stocks_daily 2024-03-06 " + LANDED + ": content MD5 " + right + " differs from the recorded ETag "
                + wrong), findings);
    }

    @Test
    void aRepublishedObjectAndAnObjectTheSourceNoLongerListsAreFound() throws Exception {
        Path published = temp.resolve("source").resolve(DAY.objectKey());
        Files.write(published, new FlatFileGenerator(FixtureSpec.small().withSeed(99)).dayFile(DataType.STOCKS_DAILY, DAY.date()));
        Files.delete(temp.resolve("source").resolve(new FlatFileKey(DataType.STOCKS_DAILY, LAST).objectKey()));

        List<String> findings = findings(validate());

        assertEquals(2, findings.size(), findings.toString());
        assertTrue(findings.get(0).startsWith("landing stocks_daily 2024-03-06 " + LANDED + ": the source's object ("), findings.toString());
        assertTrue(findings.get(0).endsWith("republished since; the next download fetches it again"), findings.toString());
        assertEquals("landing stocks_daily 2024-03-08 landing/polygon-s3/stocks_daily/2024/03/2024-03-08.csv.gz: the source lists no "
                + "object us_stocks_sip/day_aggs_v1/2024/03/2024-03-08.csv.gz", findings.get(1));
    }

    @Test
    void anExplicitRangeFindsTheSourcesDatesLandingLacks() throws Exception {
        DateRange range = new DateRange(Optional.of(FIRST), Optional.of(LocalDate.of(2024, 3, 12)));
        LayerReport report = new LandingValidator(layout).validate(DataType.STOCKS_DAILY, range, catalog, ProgressListener.NONE);
        assertTrue(report.isValid(), "the source has nothing after " + LAST);

        new FlatFileGenerator(FixtureSpec.small()).writeRange(temp.resolve("source"), List.of(DataType.STOCKS_DAILY),
                LocalDate.of(2024, 3, 11), LocalDate.of(2024, 3, 11));
        LayerReport missing = new LandingValidator(layout).validate(DataType.STOCKS_DAILY, range, catalog, ProgressListener.NONE);

        assertEquals(List.of("landing stocks_daily 2024-03-11 landing/polygon-s3/stocks_daily/2024/03/2024-03-11.csv.gz: missing: the "
                + "source lists us_stocks_sip/day_aggs_v1/2024/03/2024-03-11.csv.gz but landing has no file for it"), findings(missing));
        assertTrue(validate().isValid(), "without a range only the landed dates' span is compared");
    }

    @Test
    void aSourceThatCannotBeListedLeavesAWarning() {
        try (LocalFlatFileSource gone = new LocalFlatFileSource(temp.resolve("no-such-folder"), 1)) {
            LayerReport report = new LandingValidator(layout).validate(DataType.STOCKS_DAILY, DateRange.ALL,
                    new FlatFileCatalog(gone, RetryPolicy.defaults()), ProgressListener.NONE);

            assertTrue(report.isValid());
            assertEquals(1, report.warnings().size());
            assertTrue(report.warnings().get(0).startsWith("the source could not be listed, so dates missing from landing are not checked:"),
                    report.warnings().toString());
        }
    }
}
