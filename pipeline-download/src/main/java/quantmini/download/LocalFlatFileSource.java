package quantmini.download;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import java.util.stream.Stream;
import quantmini.core.Preconditions;

/**
 * A local folder in the bucket's key layout ({@code {prefix}/YYYY/MM/YYYY-MM-DD.csv.gz}), for the
 * embedded sample data and air-gapped users; the mirror treats it exactly like the bucket.
 *
 * <p>Its ETag is {@code local-<size hex>-<mtime ns hex>}: reading every file to hash it on each
 * listing would cost as much as copying it, while a replaced file gets a new size or mtime.
 * (A rewrite with the same size inside the same mtime tick would go unnoticed; the vendor's
 * corrections arrive as new files, so that is accepted.) Dot-files are never listed, so
 * temporary files of a half-written mirror folder are not mistaken for data.
 */
public final class LocalFlatFileSource implements FlatFileSource {
    private static final long COPY_CHUNK = 8L << 20;

    private final Path root;
    private final ExecutorService copiers;

    public LocalFlatFileSource(Path root, int maxConcurrentFetches) {
        this.root = requireNonNull(root, "root is null").toAbsolutePath().normalize();
        Preconditions.checkArgument(maxConcurrentFetches >= 1, "maxConcurrentFetches must be positive: %s", maxConcurrentFetches);
        this.copiers = Executors.newFixedThreadPool(maxConcurrentFetches, runnable -> {
            Thread thread = new Thread(runnable, "local-source-copy");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public String describe() {
        return "local folder " + root;
    }

    @Override
    public List<SourceObject> list(String prefix) {
        requireNonNull(prefix, "prefix is null");
        if (!Files.isDirectory(root)) {
            throw new SourceException(SourceException.Reason.NO_SUCH_BUCKET, "local source folder does not exist: " + root);
        }
        // Walk only below the deepest folder the prefix names, as a prefix listing would.
        int lastSlash = prefix.lastIndexOf('/');
        Path start = lastSlash < 0 ? root : root.resolve(prefix.substring(0, lastSlash));
        if (!Files.isDirectory(start)) {
            return List.of();
        }
        List<SourceObject> objects = new ArrayList<>();
        try (Stream<Path> files = Files.walk(start)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String key = objectKey(file);
                if (key.startsWith(prefix) && !isHidden(file) && Files.isRegularFile(file)) {
                    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                    objects.add(new SourceObject(key, attributes.size(), etag(attributes)));
                }
            }
        } catch (IOException | UncheckedIOException e) {
            throw new SourceException(SourceException.Reason.TRANSIENT,
                    "listing " + prefix + " in " + root + ": " + ErrorText.oneLine(e), e);
        }
        objects.sort(Comparator.comparing(SourceObject::objectKey));
        return objects;
    }

    @Override
    public CompletableFuture<FetchedObject> fetch(String objectKey, Path destination, LongConsumer bytesWritten) {
        requireNonNull(objectKey, "objectKey is null");
        requireNonNull(destination, "destination is null");
        requireNonNull(bytesWritten, "bytesWritten is null");
        Path file = root.resolve(objectKey).normalize();
        Preconditions.checkArgument(file.startsWith(root), "object key leaves the source folder: %s", objectKey);
        return CompletableFuture.supplyAsync(() -> {
            try {
                return copy(file, destination, bytesWritten);
            } catch (NoSuchFileException e) {
                throw new CompletionException(new SourceException(SourceException.Reason.NOT_FOUND,
                        "GET " + objectKey + ": no such file in " + root));
            } catch (IOException e) {
                throw new CompletionException(new SourceException(SourceException.Reason.TRANSIENT,
                        "GET " + objectKey + ": " + ErrorText.oneLine(e), e));
            }
        }, copiers);
    }

    private static FetchedObject copy(Path file, Path destination, LongConsumer bytesWritten) throws IOException {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ);
                FileChannel out = FileChannel.open(destination, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            // The attributes of the open file are the ones of the bytes copied, even if the
            // file is replaced meanwhile (a replacement is a new inode on POSIX).
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            long size = in.size();
            long position = 0;
            while (position < size) {
                long moved = in.transferTo(position, Math.min(COPY_CHUNK, size - position), out);
                if (moved <= 0) {
                    break;
                }
                position += moved;
                bytesWritten.accept(moved);
            }
            return new FetchedObject(size, etag(attributes));
        }
    }

    private String objectKey(Path file) {
        return root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
    }

    private static boolean isHidden(Path file) {
        return file.getFileName().toString().startsWith(".");
    }

    private static String etag(BasicFileAttributes attributes) {
        return String.format("local-%x-%x", attributes.size(), attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS));
    }

    @Override
    public void close() {
        copiers.shutdownNow();
    }
}
