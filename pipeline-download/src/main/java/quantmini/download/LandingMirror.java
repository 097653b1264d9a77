package quantmini.download;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPInputStream;
import quantmini.core.ExitCode;
import quantmini.core.FlatFileKey;
import quantmini.core.Preconditions;
import quantmini.core.QuantminiException;
import quantmini.core.io.AtomicFiles;
import quantmini.core.progress.ProgressListener;
import quantmini.storage.LakeLayout;

/**
 * Mirrors listed day files from a {@link FlatFileSource} into landing
 * ({@code landing/polygon-s3/{data_type}/YYYY/MM/YYYY-MM-DD.csv.gz}, a byte-exact copy).
 *
 * <p>How one object lands: it streams into a temporary file beside its target (named as
 * {@link AtomicFiles} names them); the file is accepted only when its length equals the
 * Content-Length the source announced and it reads as gzip to its end; then it is forced to disk,
 * renamed over the target, and its ETag and size are written to a sidecar
 * ({@link LandingRecord}). Transient failures (throttling, 5xx, resets, bodies cut short, the
 * per-attempt timeout) are retried with jittered exponential backoff; at most
 * {@code concurrentDownloads} objects are in flight.
 *
 * <p>Resume: a landing file whose size and recorded ETag match the listing is skipped. Anything
 * else is fetched: no file, a file without a record (a run killed between rename and record), or
 * a changed object (the vendor republished the day), which is reported as
 * {@link MirrorOutcome#REFETCHED_CHANGED}. Temporary files left by a killed run are deleted
 * before the run starts; they never become landing files.
 *
 * <p>A failing key is recorded in the result and the other keys go on. Only refused credentials
 * or a missing bucket stop the run, since no other key can succeed either: then {@link #mirror}
 * throws a one-line {@link QuantminiException} after the keys in flight have settled.
 */
public final class LandingMirror {
    private static final String TASK = "download";
    private static final int GZIP_BUFFER = 1 << 16;

    private final FlatFileSource source;
    private final LakeLayout layout;
    private final MirrorSettings settings;

    public LandingMirror(FlatFileSource source, LakeLayout layout, MirrorSettings settings) {
        this.source = requireNonNull(source, "source is null");
        this.layout = requireNonNull(layout, "layout is null");
        this.settings = requireNonNull(settings, "settings is null");
    }

    /**
     * Mirrors {@code entries} (as listed by {@link FlatFileCatalog}) into landing and reports
     * what happened to each. Blocks until every key has settled.
     *
     * @throws QuantminiException (job failed) when the source refuses the credentials or has no
     *     such bucket; failures of single keys are in the result instead
     */
    public MirrorResult mirror(List<CatalogEntry> entries, ProgressListener progress) {
        requireNonNull(entries, "entries is null");
        requireNonNull(progress, "progress is null");
        long startNanos = System.nanoTime();
        Set<FlatFileKey> distinct = new LinkedHashSet<>();
        for (CatalogEntry entry : entries) {
            Preconditions.checkArgument(distinct.add(entry.key()), "key listed twice: %s", entry.key());
        }
        deleteLeftoverTemporaries(entries);

        List<KeyResult> results = new ArrayList<>();
        List<CatalogEntry> toFetch = new ArrayList<>();
        long bytesToFetch = 0;
        for (CatalogEntry entry : entries) {
            if (isLanded(entry)) {
                results.add(KeyResult.skipped(entry.key()));
            } else {
                toFetch.add(entry);
                bytesToFetch += entry.size();
            }
        }

        progress.started(TASK, toFetch.size(), bytesToFetch);
        Run run = new Run(progress);
        try {
            results.addAll(run.fetchAll(toFetch));
        } finally {
            run.close();
            progress.finished();
        }
        SourceException stop = run.stop.get();
        if (stop != null) {
            throw new QuantminiException(ExitCode.JOB_FAILED, stop.getMessage(), stop);
        }
        return new MirrorResult(results, Duration.ofNanos(System.nanoTime() - startNanos));
    }

    /** True when landing holds the listed object: same size, same ETag recorded beside it. */
    private boolean isLanded(CatalogEntry entry) {
        Path target = layout.landingFile(entry.key());
        try {
            if (!Files.isRegularFile(target) || Files.size(target) != entry.size()) {
                return false;
            }
        } catch (IOException e) {
            return false;
        }
        Optional<LandingRecord> record = LandingRecord.read(target);
        return record.isPresent() && record.get().size() == entry.size() && record.get().etag().equals(entry.etag());
    }

    /**
     * Deletes the temporary files a killed run left in the folders this run writes. Safe because
     * the caller holds the data root's lock: no other writer can own them.
     */
    private void deleteLeftoverTemporaries(List<CatalogEntry> entries) {
        Set<Path> folders = new LinkedHashSet<>();
        for (CatalogEntry entry : entries) {
            folders.add(layout.landingFile(entry.key()).getParent());
        }
        for (Path folder : folders) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, AtomicFiles::isTemporary)) {
                for (Path leftover : files) {
                    Files.deleteIfExists(leftover);
                }
            } catch (IOException e) {
                throw new QuantminiException(ExitCode.JOB_FAILED,
                        "cannot clean temporary files in " + folder + ": " + ErrorText.oneLine(e), e);
            }
        }
    }

    /** The state of one {@link #mirror} call: its window, its worker threads, its stop signal. */
    private final class Run implements AutoCloseable {
        private final ProgressListener progress;
        private final Semaphore window = new Semaphore(settings.concurrentDownloads());
        /** Checks files, moves them in, and starts retries, so the source's threads only stream. */
        private final ExecutorService workers;
        /** Set by the first failure no other key can escape (credentials, bucket). */
        private final AtomicReference<SourceException> stop = new AtomicReference<>();

        Run(ProgressListener progress) {
            this.progress = progress;
            // One per download in flight, not per core: much of their time is fsync, not CPU.
            this.workers = Executors.newFixedThreadPool(settings.concurrentDownloads(), runnable -> {
                Thread thread = new Thread(runnable, "landing-mirror");
                thread.setDaemon(true);
                return thread;
            });
        }

        List<KeyResult> fetchAll(List<CatalogEntry> toFetch) {
            List<CompletableFuture<KeyResult>> started = new ArrayList<>();
            List<KeyResult> results = new ArrayList<>();
            try {
                for (CatalogEntry entry : toFetch) {
                    window.acquire();
                    if (stop.get() != null) {
                        window.release();
                        break;
                    }
                    // Joined below is the future of the reporting step, not of the fetch, so that
                    // every unitDone is heard before finished.
                    CompletableFuture<KeyResult> reported = new ObjectFetch(entry).start().whenComplete((result, error) -> {
                        window.release();
                        progress.unitDone(entry.key().toString(), result != null && result.outcome() != MirrorOutcome.FAILED);
                    });
                    started.add(reported);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                // Transfers in flight end when the caller closes the source; the temporary
                // files they leave are deleted by the next run.
                throw new QuantminiException(ExitCode.JOB_FAILED, "download interrupted", e);
            }
            for (CompletableFuture<KeyResult> done : started) {
                results.add(done.join());
            }
            return results;
        }

        @Override
        public void close() {
            workers.shutdownNow();
        }

        /** Fetches one object, attempt after attempt, until it lands or the policy gives up. */
        private final class ObjectFetch {
            private final CatalogEntry entry;
            private final Path target;
            private final boolean replacing;
            private final CompletableFuture<KeyResult> done = new CompletableFuture<>();

            ObjectFetch(CatalogEntry entry) {
                this.entry = entry;
                this.target = layout.landingFile(entry.key());
                this.replacing = Files.exists(target);
            }

            CompletableFuture<KeyResult> start() {
                attempt(1);
                return done;
            }

            private void attempt(int attempt) {
                Path temp;
                try {
                    temp = createTemporary();
                } catch (IOException e) {
                    done.complete(KeyResult.failed(entry.key(), attempt - 1,
                            entry.key() + ": cannot create a temporary file beside " + target + ": " + ErrorText.oneLine(e)));
                    return;
                }
                CompletableFuture<FetchedObject> fetch;
                try {
                    fetch = source.fetch(entry.key().objectKey(), temp, progress::bytesDone);
                } catch (RuntimeException e) {
                    fetch = CompletableFuture.failedFuture(e);
                }
                fetch.orTimeout(settings.attemptTimeout().toMillis(), TimeUnit.MILLISECONDS)
                        .thenApplyAsync(fetched -> verifyAndMoveIntoPlace(temp, fetched), workers)
                        .whenComplete((landedBytes, error) -> {
                            try {
                                settle(attempt, temp, landedBytes, error);
                            } catch (RuntimeException | Error e) {
                                done.complete(KeyResult.failed(entry.key(), attempt, entry.key() + ": " + ErrorText.oneLine(e)));
                            }
                        });
            }

            private void settle(int attempt, Path temp, Long landedBytes, Throwable error) {
                if (error == null) {
                    MirrorOutcome outcome = replacing ? MirrorOutcome.REFETCHED_CHANGED : MirrorOutcome.FETCHED;
                    done.complete(new KeyResult(entry.key(), outcome, landedBytes, attempt, ""));
                    return;
                }
                deleteQuietly(temp);
                SourceException failure = asSourceException(error);
                if (failure.reason().stopsRun()) {
                    stop.compareAndSet(null, failure);
                } else if (failure.reason().isRetryable() && stop.get() == null && settings.retry().allowsRetryAfter(attempt)) {
                    Duration wait = settings.retry().backoff(attempt, ThreadLocalRandom.current().nextDouble());
                    CompletableFuture.delayedExecutor(wait.toMillis(), TimeUnit.MILLISECONDS, workers)
                            .execute(() -> attempt(attempt + 1));
                    return;
                }
                String tries = failure.reason().isRetryable() ? String.format(" (gave up after %d attempts)", attempt) : "";
                done.complete(KeyResult.failed(entry.key(), attempt, entry.key() + ": " + failure.getMessage() + tries));
            }

            private Path createTemporary() throws IOException {
                Path folder = target.getParent();
                Files.createDirectories(folder);
                Path temp = Files.createTempFile(folder, "." + target.getFileName() + ".", ".tmp");
                Preconditions.checkState(AtomicFiles.isTemporary(temp), "temporary file not named as AtomicFiles names them: %s", temp);
                return temp;
            }

            /** Accepts the fetched file only if it is whole; then moves it in and records its ETag. */
            private long verifyAndMoveIntoPlace(Path temp, FetchedObject fetched) {
                String what = "GET " + entry.key().objectKey();
                try {
                    long size = Files.size(temp);
                    long expected = fetched.contentLength() >= 0 ? fetched.contentLength() : entry.size();
                    if (size != expected) {
                        throw new SourceException(SourceException.Reason.TRANSIENT,
                                String.format("%s: body cut short: %d of %d bytes", what, size, expected));
                    }
                    readGzipToEnd(temp, what);
                    AtomicFiles.force(temp);
                    // Record gone before the new bytes arrive: a crash in between leaves a file
                    // without a record, which the next run fetches again.
                    LandingRecord.deleteBeside(target);
                    AtomicFiles.moveIntoPlace(temp, target);
                    new LandingRecord(fetched.etag(), size).writeBeside(target);
                    return size;
                } catch (IOException e) {
                    throw new SourceException(SourceException.Reason.TRANSIENT,
                            what + ": cannot write landing file " + target + ": " + ErrorText.oneLine(e), e);
                }
            }

            private void readGzipToEnd(Path file, String what) {
                byte[] buffer = new byte[GZIP_BUFFER];
                try (InputStream in = new GZIPInputStream(Files.newInputStream(file), GZIP_BUFFER)) {
                    while (in.read(buffer) >= 0) {
                        // reading to the end checks every member's CRC and length
                    }
                } catch (IOException e) {
                    // The whole announced length arrived, so the object itself is broken: a retry
                    // would fetch the same bytes.
                    throw new SourceException(SourceException.Reason.PERMANENT,
                            what + ": not a complete gzip stream (" + ErrorText.oneLine(e) + ")", e);
                }
            }

            private SourceException asSourceException(Throwable error) {
                Throwable cause = ErrorText.unwrap(error);
                if (cause instanceof SourceException) {
                    return (SourceException) cause;
                }
                String what = "GET " + entry.key().objectKey();
                if (cause instanceof TimeoutException) {
                    return new SourceException(SourceException.Reason.TRANSIENT,
                            String.format("%s: timed out after %.1f s", what, settings.attemptTimeout().toMillis() / 1000.0), cause);
                }
                return new SourceException(SourceException.Reason.TRANSIENT, what + ": " + ErrorText.oneLine(cause), cause);
            }
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // the next run's clean-up removes it
        }
    }
}
