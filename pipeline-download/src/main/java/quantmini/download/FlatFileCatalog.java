package quantmini.download;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import quantmini.core.DataType;
import quantmini.core.ExitCode;
import quantmini.core.FlatFileKey;
import quantmini.core.Preconditions;
import quantmini.core.QuantminiException;

/**
 * Which day files a source has for a data type and date range, learned by listing the source,
 * never by guessing from a calendar: weekends, holidays and days not yet published simply have no
 * object (DESIGN.md §1).
 *
 * <p>The listing is narrowed by key prefix: a whole year in the range is listed as
 * {@code {prefix}/YYYY/}, a partly covered year month by month as {@code {prefix}/YYYY/MM/}, so a
 * five-day window lists one or two months, not the type's whole history. Keys are read with
 * {@link FlatFileKey#parse}, so any data type the enum knows (trades, quotes later) works unchanged.
 */
public final class FlatFileCatalog {
    private final FlatFileSource source;
    private final RetryPolicy retry;

    public FlatFileCatalog(FlatFileSource source, RetryPolicy retry) {
        this.source = requireNonNull(source, "source is null");
        this.retry = requireNonNull(retry, "retry is null");
    }

    /**
     * The day files of {@code type} dated {@code from} to {@code to} (inclusive), by date.
     *
     * @throws QuantminiException (job failed) when the source refuses the credentials, has no
     *     such bucket, or keeps failing after the retries
     */
    public List<CatalogEntry> list(DataType type, LocalDate from, LocalDate to) {
        requireNonNull(type, "type is null");
        requireNonNull(from, "from is null");
        requireNonNull(to, "to is null");
        Preconditions.checkArgument(!to.isBefore(from), "date range ends before it starts: %s to %s", from, to);
        List<CatalogEntry> entries = new ArrayList<>();
        for (String prefix : listingPrefixes(type, from, to)) {
            for (SourceObject object : listWithRetry(prefix)) {
                Optional<FlatFileKey> key = FlatFileKey.parse(object.objectKey());
                if (key.isPresent() && key.get().dataType() == type
                        && !key.get().date().isBefore(from) && !key.get().date().isAfter(to)) {
                    entries.add(new CatalogEntry(key.get(), object.size(), object.etag()));
                }
            }
        }
        entries.sort((a, b) -> a.key().compareTo(b.key()));
        return List.copyOf(entries);
    }

    /** The key prefixes that together cover [from, to] with as few listings as reasonable. */
    static List<String> listingPrefixes(DataType type, LocalDate from, LocalDate to) {
        List<String> prefixes = new ArrayList<>();
        for (int year = from.getYear(); year <= to.getYear(); year++) {
            boolean wholeYear = !from.isAfter(LocalDate.of(year, 1, 1)) && !to.isBefore(LocalDate.of(year, 12, 31));
            if (wholeYear) {
                prefixes.add(String.format("%s/%04d/", type.flatFilePrefix(), year));
                continue;
            }
            YearMonth first = year == from.getYear() ? YearMonth.from(from) : YearMonth.of(year, 1);
            YearMonth last = year == to.getYear() ? YearMonth.from(to) : YearMonth.of(year, 12);
            for (YearMonth month = first; !month.isAfter(last); month = month.plusMonths(1)) {
                prefixes.add(String.format("%s/%04d/%02d/", type.flatFilePrefix(), year, month.getMonthValue()));
            }
        }
        return prefixes;
    }

    private List<SourceObject> listWithRetry(String prefix) {
        int failed = 0;
        while (true) {
            try {
                return source.list(prefix);
            } catch (SourceException e) {
                failed++;
                if (!e.reason().isRetryable() || !retry.allowsRetryAfter(failed)) {
                    String attempts = e.reason().isRetryable() ? String.format(" (after %d attempts)", failed) : "";
                    throw new QuantminiException(ExitCode.JOB_FAILED,
                            "cannot list " + source.describe() + ": " + e.getMessage() + attempts, e);
                }
                sleep(retry.backoff(failed, ThreadLocalRandom.current().nextDouble()));
            }
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QuantminiException(ExitCode.JOB_FAILED, "interrupted while listing the source", e);
        }
    }
}
