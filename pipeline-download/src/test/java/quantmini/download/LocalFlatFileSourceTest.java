package quantmini.download;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quantmini.core.DataType;
import quantmini.core.ExitCode;
import quantmini.core.FlatFileKey;
import quantmini.core.QuantminiException;
import quantmini.core.progress.ProgressListener;
import quantmini.fixtures.FixtureSpec;
import quantmini.fixtures.FlatFileGenerator;
import quantmini.fixtures.GeneratedFile;
import quantmini.storage.LakeLayout;

/** A local folder in the bucket's layout goes through the same catalog and mirror. */
class LocalFlatFileSourceTest {
    private static final LocalDate FROM = LocalDate.of(2024, 6, 24);
    private static final LocalDate TO = LocalDate.of(2024, 7, 5);

    @TempDir
    Path temp;

    private MirrorResult mirror(Path root, LakeLayout layout) {
        try (FlatFileSource source = FlatFileSource.open(SourceSettings.local(root), 2)) {
            List<CatalogEntry> entries = new FlatFileCatalog(source, RetryPolicy.defaults()).list(DataType.OPTIONS_DAILY, FROM, TO);
            return new LandingMirror(source, layout, MirrorSettings.defaults().withConcurrentDownloads(2)).mirror(entries, ProgressListener.NONE);
        }
    }

    @Test
    void mirrorsAFolderAndNoticesAReplacedFile() throws IOException {
        Path root = temp.resolve("flatfiles");
        List<GeneratedFile> files = new FlatFileGenerator(FixtureSpec.small()).writeRange(root, List.of(DataType.OPTIONS_DAILY), FROM, TO);
        // neither a hidden half-written file nor a stray one may be listed
        Path july = root.resolve(DataType.OPTIONS_DAILY.flatFilePrefix()).resolve("2024/07");
        Files.write(july.resolve(".2024-07-08.csv.gz.123.tmp"), new byte[] {1});
        Files.write(july.resolve("notes.txt"), new byte[] {1});
        LakeLayout layout = new LakeLayout(temp.resolve("data"));

        MirrorResult first = mirror(root, layout);

        // 2024-07-04 is Independence Day: no file, and none expected
        assertEquals(files.stream().map(GeneratedFile::key).sorted().collect(Collectors.toList()), first.landedKeys());
        assertTrue(first.landedKeys().stream().noneMatch(k -> k.date().equals(LocalDate.of(2024, 7, 4))));
        for (GeneratedFile file : files) {
            assertEquals(TestFiles.sha256(file.path()), TestFiles.sha256(layout.landingFile(file.key())), file.key().toString());
        }
        assertEquals(files.size(), mirror(root, layout).filesSkipped());

        FlatFileKey replaced = new FlatFileKey(DataType.OPTIONS_DAILY, LocalDate.of(2024, 7, 1));
        Path source = root.resolve(replaced.objectKey());
        FileTime before = Files.getLastModifiedTime(source);
        Files.write(source, new FlatFileGenerator(FixtureSpec.small().withSeed(7)).dayFile(DataType.OPTIONS_DAILY, replaced.date()));
        Files.setLastModifiedTime(source, FileTime.fromMillis(before.toMillis() + 5_000));

        MirrorResult third = mirror(root, layout);

        assertEquals(List.of(replaced), third.changedKeys());
        assertEquals(TestFiles.sha256(source), TestFiles.sha256(layout.landingFile(replaced)));
    }

    @Test
    void theEtagChangesWithSizeOrModificationTime() throws IOException {
        Path root = temp.resolve("flatfiles");
        String key = "us_stocks_sip/day_aggs_v1/2024/07/2024-07-01.csv.gz";
        Path file = root.resolve(key);
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[] {1, 2, 3});
        Files.setLastModifiedTime(file, FileTime.fromMillis(1_700_000_000_000L));
        try (LocalFlatFileSource source = new LocalFlatFileSource(root, 1)) {
            SourceObject before = source.list("us_stocks_sip/").get(0);
            assertEquals(new SourceObject(key, 3, before.etag()), before);
            Files.setLastModifiedTime(file, FileTime.fromMillis(1_700_000_001_000L));
            assertNotEquals(before.etag(), source.list("us_stocks_sip/").get(0).etag());
        }
    }

    @Test
    void aMissingFolderFailsTheListingInOneLine() {
        Path missing = temp.resolve("no-such-folder");
        QuantminiException e;
        try (FlatFileSource source = FlatFileSource.open(SourceSettings.local(missing), 1)) {
            e = assertThrows(QuantminiException.class,
                    () -> new FlatFileCatalog(source, RetryPolicy.defaults()).list(DataType.STOCKS_DAILY, FROM, TO));
        }
        assertEquals(ExitCode.JOB_FAILED, e.exitCode());
        assertEquals("cannot list local folder " + missing + ": local source folder does not exist: " + missing, e.getMessage());
    }
}
