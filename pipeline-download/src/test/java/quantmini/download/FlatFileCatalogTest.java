package quantmini.download;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import quantmini.core.DataType;
import quantmini.core.ExitCode;
import quantmini.core.QuantminiException;

class FlatFileCatalogTest {
    private static final String DAY = "us_stocks_sip/day_aggs_v1";

    @Test
    void aShortWindowListsOnlyItsMonths() {
        assertEquals(List.of(DAY + "/2024/03/"),
                FlatFileCatalog.listingPrefixes(DataType.STOCKS_DAILY, LocalDate.of(2024, 3, 4), LocalDate.of(2024, 3, 8)));
        assertEquals(List.of(DAY + "/2023/12/", DAY + "/2024/01/"),
                FlatFileCatalog.listingPrefixes(DataType.STOCKS_DAILY, LocalDate.of(2023, 12, 27), LocalDate.of(2024, 1, 3)));
    }

    @Test
    void wholeYearsAreListedAtOnceAndPartYearsByMonth() {
        List<String> prefixes = FlatFileCatalog.listingPrefixes(DataType.OPTIONS_MINUTE, LocalDate.of(2022, 11, 15), LocalDate.of(2024, 2, 10));
        String options = "us_options_opra/minute_aggs_v1";
        assertEquals(List.of(options + "/2022/11/", options + "/2022/12/", options + "/2023/", options + "/2024/01/", options + "/2024/02/"),
                prefixes);
    }

    @Test
    void keepsOnlyDayFilesOfTheTypeInTheRangeInDateOrder() {
        RecordingSource source = new RecordingSource(List.of(
                new SourceObject(DAY + "/2024/03/2024-03-05.csv.gz", 10, "b"),
                new SourceObject(DAY + "/2024/03/2024-03-04.csv.gz", 11, "a"),
                new SourceObject(DAY + "/2024/03/2024-03-01.csv.gz", 12, "before the range"),
                new SourceObject(DAY + "/2024/03/index.html", 13, "not a day file"),
                new SourceObject(DAY + "/2024/03/2024-3-06.csv.gz", 14, "malformed date")));

        List<CatalogEntry> entries = new FlatFileCatalog(source, RetryPolicy.defaults())
                .list(DataType.STOCKS_DAILY, LocalDate.of(2024, 3, 2), LocalDate.of(2024, 3, 31));

        assertEquals(List.of("a", "b"), entries.stream().map(CatalogEntry::etag).collect(Collectors.toList()));
        assertEquals(11, entries.get(0).size());
        assertEquals(List.of(DAY + "/2024/03/"), source.prefixes);
    }

    @Test
    void transientListingFailuresAreRetriedAndThenReported() {
        RecordingSource source = new RecordingSource(List.of());
        source.failures = 2;
        RetryPolicy threeTries = new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(2));
        assertEquals(List.of(), new FlatFileCatalog(source, threeTries).list(DataType.STOCKS_DAILY, LocalDate.of(2024, 3, 4), LocalDate.of(2024, 3, 4)));
        assertEquals(3, source.prefixes.size());

        source.failures = 3;
        QuantminiException e = assertThrows(QuantminiException.class,
                () -> new FlatFileCatalog(source, threeTries).list(DataType.STOCKS_DAILY, LocalDate.of(2024, 3, 4), LocalDate.of(2024, 3, 4)));
        assertEquals(ExitCode.JOB_FAILED, e.exitCode());
        assertEquals("cannot list recording source: throttled (after 3 attempts)", e.getMessage());
    }

    @Test
    void aRangeThatEndsBeforeItStartsIsRefused() {
        FlatFileCatalog catalog = new FlatFileCatalog(new RecordingSource(List.of()), RetryPolicy.defaults());
        assertThrows(IllegalArgumentException.class,
                () -> catalog.list(DataType.STOCKS_DAILY, LocalDate.of(2024, 3, 5), LocalDate.of(2024, 3, 4)));
    }

    /** Answers listings from a fixed list, as a prefix listing would, after some failures. */
    private static final class RecordingSource implements FlatFileSource {
        private final List<SourceObject> objects;
        final List<String> prefixes = new ArrayList<>();
        int failures;

        RecordingSource(List<SourceObject> objects) {
            this.objects = objects;
        }

        @Override
        public String describe() {
            return "recording source";
        }

        @Override
        public List<SourceObject> list(String prefix) {
            prefixes.add(prefix);
            if (failures > 0) {
                failures--;
                throw new SourceException(SourceException.Reason.TRANSIENT, "throttled");
            }
            return objects.stream().filter(o -> o.objectKey().startsWith(prefix)).collect(Collectors.toList());
        }

        @Override
        public CompletableFuture<FetchedObject> fetch(String objectKey, Path destination, LongConsumer bytesWritten) {
            throw new UnsupportedOperationException("listing only");
        }

        @Override
        public void close() {}
    }
}
