package quantmini.cli;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import quantmini.cli.run.RunLock;
import quantmini.cli.run.TerminalProgress;
import quantmini.core.DataType;
import quantmini.core.FlatFileKey;
import quantmini.core.QuantminiException;
import quantmini.core.ExitCode;
import quantmini.core.config.ConfigKeys;
import quantmini.core.config.PipelineConfig;
import quantmini.core.memory.MemoryMonitor;
import quantmini.core.memory.ProcessMemoryUsageSource;
import quantmini.core.profile.ResourceLimits;
import quantmini.core.validation.DateRange;
import quantmini.core.validation.LakeLayer;
import quantmini.core.validation.LayerReport;
import quantmini.download.CatalogEntry;
import quantmini.download.FlatFileCatalog;
import quantmini.download.FlatFileSource;
import quantmini.download.KeyResult;
import quantmini.download.LandingMirror;
import quantmini.download.MirrorResult;
import quantmini.download.MirrorSettings;
import quantmini.download.RetryPolicy;
import quantmini.features.DateFailure;
import quantmini.features.SilverBuildSummary;
import quantmini.features.SilverBuilder;
import quantmini.features.SilverOptions;
import quantmini.features.StandardFeatures;
import quantmini.ingest.BronzeIngestor;
import quantmini.ingest.DayReport;
import quantmini.ingest.IngestOptions;
import quantmini.ingest.IngestSummary;
import quantmini.qlib.GoldBuildSummary;
import quantmini.qlib.GoldBuilder;
import quantmini.qlib.GoldOptions;
import quantmini.storage.LandingInventory;

/**
 * Runs one layer's work over data types and a date range and prints its summary: the code the
 * stage commands ({@code download}, {@code ingest}, {@code features}) and the whole-pipeline
 * commands share. Each method returns whether every date succeeded; failures are printed, one
 * line per date, and never stop the other dates.
 */
final class StageRunner implements AutoCloseable {
    private final CommandContext context;
    private final PrintWriter out;
    private final RunLock lock;

    private StageRunner(CommandContext context, PrintWriter out, RunLock lock) {
        this.context = requireNonNull(context, "context is null");
        this.out = requireNonNull(out, "out is null");
        this.lock = requireNonNull(lock, "lock is null");
    }

    /**
     * Takes the data root's lock for as long as the runner is open: stages clear what a killed
     * run left behind, which is safe only when no other run is writing.
     *
     * @throws QuantminiException with exit code 3 when another run holds the lock
     */
    static StageRunner locked(CommandContext context, PrintWriter out) {
        try {
            return new StageRunner(context, out, RunLock.acquire(context.layout().lockFile()));
        } catch (IOException e) {
            throw new QuantminiException(ExitCode.JOB_FAILED, "cannot take the lock " + context.layout().lockFile() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs one stage under the lock, as the single-stage commands do: exit code 0 when it
     * succeeded, 1 when any of its dates failed.
     */
    static int runStage(CommandContext context, PrintWriter out, Function<StageRunner, StageResult> stage) {
        requireNonNull(stage, "stage is null");
        boolean succeeded;
        try (StageRunner stages = locked(context, out)) {
            succeeded = stage.apply(stages).succeeded();
        }
        return succeeded ? ExitCode.SUCCESS.code() : ExitCode.JOB_FAILED.code();
    }

    @Override
    public void close() {
        try {
            lock.close();
        } catch (IOException e) {
            // the lock ends with the process anyway
        }
    }

    /** Landing: mirrors what the source lists in the range. */
    StageResult download(List<DataType> types, LocalDate from, LocalDate to) {
        return download(types, from, to, new ArrayList<>());
    }

    /**
     * Landing, also telling {@code listed} every day the source has in the range (the dates a
     * watermark may pass only when all their layers are in place).
     */
    StageResult download(List<DataType> types, LocalDate from, LocalDate to, List<FlatFileKey> listed) {
        PipelineConfig config = context.config();
        int concurrency = context.limits().concurrentDownloads();
        RetryPolicy defaults = RetryPolicy.defaults();
        RetryPolicy retry = new RetryPolicy(config.require(ConfigKeys.DOWNLOAD_MAX_ATTEMPTS), defaults.baseDelay(), defaults.maxDelay());
        MirrorSettings settings = MirrorSettings.defaults().withConcurrentDownloads(concurrency).withRetry(retry)
                .withAttemptTimeout(Duration.ofSeconds(config.require(ConfigKeys.DOWNLOAD_OBJECT_TIMEOUT_SECONDS)));
        try (FlatFileSource source = FlatFileSource.open(SourceSettingsFactory.from(config), concurrency)) {
            FlatFileCatalog catalog = new FlatFileCatalog(source, retry);
            List<CatalogEntry> entries = new ArrayList<>();
            for (DataType type : types) {
                List<CatalogEntry> found = catalog.list(type, from, to);
                out.printf("%s: %d files from %s to %s in %s%n", type, found.size(), from, to, source.describe());
                entries.addAll(found);
            }
            entries.forEach(entry -> listed.add(entry.key()));
            out.flush();
            MirrorResult result = new LandingMirror(source, context.layout(), settings).mirror(entries, TerminalProgress.forThisProcess());
            out.println("download: " + result.summaryLine());
            List<String> errors = new ArrayList<>();
            Set<FlatFileKey> failed = new HashSet<>();
            for (KeyResult failure : result.failures()) {
                errors.add(failure.key() + ": " + failure.reason());
                failed.add(failure.key());
            }
            printFailures(errors);
            return new StageResult("download", entries.size(), 0, 0, result.bytes(), result.seconds(), failed, Set.of(),
                    result.changedKeys(), errors);
        }
    }

    /** Bronze: validates and writes what landing holds in the range. */
    StageResult ingest(List<DataType> types, LocalDate from, LocalDate to) {
        List<FlatFileKey> keys = new ArrayList<>();
        LandingInventory landing = new LandingInventory(context.layout());
        for (DataType type : types) {
            keys.addAll(landing.keys(type, from, to));
        }
        return ingest(keys);
    }

    /** Bronze: validates and writes these landed days. */
    StageResult ingest(List<FlatFileKey> keys) {
        ResourceLimits limits = context.limits();
        out.printf("ingest: %d landed files, %s mode%n", keys.size(), limits.mode().name().toLowerCase(Locale.ROOT));
        out.flush();
        IngestSummary summary;
        try (MemoryMonitor monitor = new MemoryMonitor(new ProcessMemoryUsageSource(), limits.memoryBudgetBytes());
                BronzeIngestor ingestor = new BronzeIngestor(context.layout(), limits.mode(),
                        IngestOptions.of(limits.chunkRows(), limits.workerThreads()))) {
            monitor.addListener(ingestor);
            monitor.start(Duration.ofSeconds(1));
            summary = ingestor.ingest(keys, TerminalProgress.forThisProcess());
        }
        out.printf(Locale.ROOT, "ingest: %d days, rows in %,d, written %,d, quarantined %,d, %.1f s, %,.0f rows/s%n",
                summary.days().size(), summary.rowsIn(), summary.rowsWritten(), summary.rowsQuarantined(), summary.seconds(),
                summary.rowsPerSecond());
        List<String> errors = new ArrayList<>();
        Set<FlatFileKey> failed = new HashSet<>();
        for (DayReport failure : summary.failures()) {
            errors.add(failure.key() + ": " + failure.error().orElse("unknown error"));
            failed.add(failure.key());
        }
        printFailures(errors);
        return new StageResult("ingest", keys.size(), summary.rowsWritten(), summary.rowsQuarantined(), 0, summary.seconds(),
                failed, Set.of(), List.of(), errors);
    }

    /** Silver: the features of missing or stale dates, or of every date with {@code full}. */
    StageResult features(List<DataType> types, LocalDate from, LocalDate to, boolean full) {
        SilverBuilder builder = new SilverBuilder(context.layout(), StandardFeatures.registry(), context.limits(),
                SilverOptions.from(context.config()));
        long start = System.nanoTime();
        int dates = 0;
        long rows = 0;
        List<String> errors = new ArrayList<>();
        Set<FlatFileKey> failed = new HashSet<>();
        Set<DataType> failedTypes = new HashSet<>();
        for (DataType type : types) {
            try {
                SilverBuildSummary summary = builder.build(type, from, to, full, TerminalProgress.forThisProcess());
                out.println(summary.describe());
                dates += summary.datesWritten().size();
                rows += summary.rows();
                for (DateFailure failure : summary.failures()) {
                    errors.add(type + " " + failure.date() + ": " + failure.message());
                    failed.add(new FlatFileKey(type, failure.date()));
                }
            } catch (IllegalArgumentException e) {
                // an unknown name in features.enabled, found when the type's features are chosen
                throw new QuantminiException(ExitCode.USAGE_OR_CONFIG, "features.enabled: " + e.getMessage());
            } catch (QuantminiException e) {
                errors.add(type + ": " + e.getMessage());
                failedTypes.add(type);
            }
        }
        printFailures(errors);
        return new StageResult("features", dates, rows, 0, 0, (System.nanoTime() - start) / 1e9, failed, failedTypes, List.of(), errors);
    }

    /**
     * Gold: builds or appends each type's Qlib tree from silver (or bronze) dates in the range;
     * types without a Qlib tree (options_minute) are passed over with a line saying so.
     */
    StageResult gold(List<DataType> types, Optional<LocalDate> from, Optional<LocalDate> to, boolean full) {
        GoldBuilder builder = new GoldBuilder(context.layout(), GoldOptions.fromConfig(context.config()));
        long start = System.nanoTime();
        int dates = 0;
        long rows = 0;
        List<String> errors = new ArrayList<>();
        Set<DataType> failedTypes = new HashSet<>();
        for (DataType type : types) {
            if (!GoldBuilder.SUPPORTED_TYPES.contains(type)) {
                out.println(type + ": no Qlib tree for this data type; passed over");
                continue;
            }
            try {
                GoldBuildSummary summary = builder.build(type, from, to, full, TerminalProgress.forThisProcess());
                out.println(summary.describe());
                dates += summary.newDates();
                rows += summary.rowsRead();
            } catch (QuantminiException e) {
                if (e.exitCode() == ExitCode.USAGE_OR_CONFIG) {
                    throw e;
                }
                errors.add(type + ": " + e.getMessage());
                failedTypes.add(type);
            }
            out.flush();
        }
        printFailures(errors);
        return new StageResult("gold", dates, rows, 0, 0, (System.nanoTime() - start) / 1e9, Set.of(), failedTypes, List.of(), errors);
    }

    private void printFailures(List<String> errors) {
        for (String error : errors) {
            out.println("  failed " + error);
        }
        out.flush();
    }

    /**
     * Checks {@code layers} of each type, layer after layer; prints nothing (the caller formats
     * the reports). Holding the lock keeps a run from changing the lake under the check.
     */
    List<LayerReport> validate(List<LakeLayer> layers, List<DataType> types, DateRange range, boolean offline) {
        return new LakeValidation(context).validate(layers, types, range, offline);
    }
}
