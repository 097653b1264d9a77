package quantmini.download;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongConsumer;

/**
 * Somewhere flat files can be listed and fetched from: the vendor's S3 bucket, or a local folder
 * in the same key layout. Both are used through the same mirror, so everything after the fetch
 * runs the same code whatever the source.
 *
 * <p>Failures are {@link SourceException}s (thrown by {@link #list}, or completing the future of
 * {@link #fetch}); retrying is the caller's job, so that one policy governs all sources.
 */
public interface FlatFileSource extends AutoCloseable {

    /** Where the files come from, for log lines and messages; never a secret. */
    String describe();

    /**
     * Every object whose key starts with {@code prefix}, across all pages of the listing, in key
     * order. An empty prefix lists everything.
     *
     * @throws SourceException when the listing fails
     */
    List<SourceObject> list(String prefix);

    /**
     * Streams one object into {@code destination} (an existing, empty file), replacing what it
     * holds, without keeping the object in memory. {@code bytesWritten} hears each chunk as it
     * lands; it is called from the source's threads. Completing the returned future early (a
     * cancel, or a timeout by {@code orTimeout}) aborts the transfer where the source can; the
     * caller then deletes the file.
     */
    CompletableFuture<FetchedObject> fetch(String objectKey, Path destination, LongConsumer bytesWritten);

    /** Releases connections and threads. */
    @Override
    void close();

    /**
     * Opens the source the settings describe.
     *
     * @param maxConcurrentFetches how many fetches may run at once (sizes the connection pool)
     */
    static FlatFileSource open(SourceSettings settings, int maxConcurrentFetches) {
        requireNonNull(settings, "settings is null");
        return settings.kind() == SourceSettings.Kind.S3
                ? new S3FlatFileSource(settings, maxConcurrentFetches)
                : new LocalFlatFileSource(settings.localRoot(), maxConcurrentFetches);
    }
}
