package quantmini.features;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import quantmini.core.DataType;
import quantmini.core.ExitCode;
import quantmini.core.Preconditions;
import quantmini.core.QuantminiException;
import quantmini.core.profile.ResourceLimits;
import quantmini.core.progress.ProgressListener;
import quantmini.storage.LakeLayout;

/**
 * Builds silver from bronze for one data type and a date range: the facade the command line
 * calls. Dates are learned from bronze; a date that fails is reported in the summary and the
 * others are written all the same.
 *
 * <p>{@code full} rewrites every bronze date in the range, reading all earlier bronze for the
 * rolling windows. Otherwise only dates whose silver is missing or older than the bronze it is
 * computed from (the date's own file, the files of its lookback dates, and the files its lookups
 * read) are written, reading only the lookback before them; the values are the same either way.
 */
public final class SilverBuilder {
    private final LakeLayout layout;
    private final FeatureRegistry registry;
    private final ResourceLimits limits;
    private final SilverOptions options;

    public SilverBuilder(LakeLayout layout, FeatureRegistry registry, ResourceLimits limits, SilverOptions options) {
        this.layout = requireNonNull(layout, "layout is null");
        this.registry = requireNonNull(registry, "registry is null");
        this.limits = requireNonNull(limits, "limits is null");
        this.options = requireNonNull(options, "options is null");
    }

    public SilverBuildSummary build(DataType type, LocalDate from, LocalDate to, boolean full, ProgressListener listener) {
        requireNonNull(type, "type is null");
        requireNonNull(from, "from is null");
        requireNonNull(to, "to is null");
        requireNonNull(listener, "listener is null");
        Preconditions.checkArgument(!to.isBefore(from), "range ends (%s) before it starts (%s)", to, from);
        List<Feature> features = registry.select(type, options.enabledFeatures());
        long started = System.nanoTime();
        try (Connection duckdb = DuckDbSessions.open(limits, layout.spillRoot().resolve("duckdb-silver"))) {
            BronzeCatalogs source = new BronzeCatalogs(layout, duckdb);
            BronzeCatalog catalog = source.of(type);
            List<LocalDate> inRange = catalog.dates(from, to);
            int lookback = FeatureRegistry.lookback(features);
            List<LocalDate> due = full ? inRange : staleDates(type, inRange, lookback, source);

            listener.started("silver " + type, due.size(), -1);
            SilverEngine engine = new SilverEngine(duckdb, layout, registry, options, source::of);
            List<LocalDate> written = new ArrayList<>();
            List<DateFailure> failures = new ArrayList<>();
            long rows = 0;
            for (List<LocalDate> batch : batches(due, lookback, full ? Math.max(1, due.size()) : options.datesPerBatch())) {
                SilverEngine.BatchResult result;
                try {
                    result = engine.run(type, features, batch, full ? SilverEngine.History.ALL : SilverEngine.History.LOOKBACK);
                } catch (SQLException | RuntimeException e) {
                    for (LocalDate date : batch) {
                        failures.add(new DateFailure(date, "cannot compute silver " + type + ": " + e.getMessage()));
                        listener.unitDone(date.toString(), false);
                    }
                    continue;
                }
                for (var entry : result.rowsByDate().entrySet()) {
                    written.add(entry.getKey());
                    rows += entry.getValue();
                    listener.rowsDone(entry.getValue());
                    listener.unitDone(entry.getKey().toString(), true);
                }
                for (DateFailure failure : result.failures()) {
                    failures.add(failure);
                    listener.unitDone(failure.date().toString(), false);
                }
            }
            listener.finished();
            return new SilverBuildSummary(type, written, inRange.size() - due.size(), rows,
                    (System.nanoTime() - started) / 1e9, failures);
        } catch (SQLException | IOException e) {
            throw new QuantminiException(ExitCode.JOB_FAILED, "silver " + type + ": " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new QuantminiException(ExitCode.JOB_FAILED, "silver " + type + ": " + e.getCause().getMessage(), e);
        }
    }

    /**
     * Per-day types (no lookback) go one date at a time, which bounds memory by one day; the
     * others in batches of {@code datesPerBatch} that each read their own lookback (a full build
     * asks for one batch of its whole range).
     */
    static List<List<LocalDate>> batches(List<LocalDate> due, int lookback, int datesPerBatch) {
        int size = lookback == 0 ? 1 : datesPerBatch;
        List<List<LocalDate>> batches = new ArrayList<>();
        for (int i = 0; i < due.size(); i += size) {
            batches.add(List.copyOf(due.subList(i, Math.min(due.size(), i + size))));
        }
        return batches;
    }

    private List<LocalDate> staleDates(DataType type, List<LocalDate> inRange, int lookback, BronzeCatalogs catalogs) {
        BronzeCatalog catalog = catalogs.of(type);
        List<DataType> lookupSources = registry.dataset(type).lookups().stream()
                .flatMap(l -> l.sources().stream()).distinct().toList();
        List<LocalDate> stale = new ArrayList<>();
        for (LocalDate date : inRange) {
            FileTime silver = modified(layout.silverFile(type, date));
            if (silver == null) {
                stale.add(date);
                continue;
            }
            List<Path> inputs = new ArrayList<>();
            for (LocalDate d : catalog.dates(catalog.datesBefore(date, lookback), date)) {
                inputs.add(catalog.file(d));
            }
            for (DataType source : lookupSources) {
                Path file = catalogs.of(source).file(date);
                if (file != null) {
                    inputs.add(file);
                }
            }
            if (inputs.stream().map(SilverBuilder::modified).anyMatch(t -> t != null && t.compareTo(silver) > 0)) {
                stale.add(date);
            }
        }
        return stale;
    }

    private static FileTime modified(Path file) {
        try {
            return Files.exists(file) ? Files.getLastModifiedTime(file) : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
