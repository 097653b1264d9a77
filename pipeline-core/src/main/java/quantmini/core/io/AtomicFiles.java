package quantmini.core.io;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes files so that a reader, or a rerun after a crash, sees either the old complete file or
 * the new complete one, never a part: the bytes go to a temporary file in the same folder, are
 * forced to disk, and the temporary file is renamed over the target (DESIGN.md §5).
 *
 * <p>Temporary files are named {@code .<target>.<random>.tmp}, so listings of the lake that skip
 * dot-files never see them, and {@link #isTemporary(Path)} can recognise leftovers of a killed run.
 */
public final class AtomicFiles {
    private static final String TEMP_SUFFIX = ".tmp";

    private AtomicFiles() {}

    /** Something that writes a file's whole content to a stream. */
    @FunctionalInterface
    public interface ContentWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Something that fills a file at a given path (e.g. a library that opens the file itself). */
    @FunctionalInterface
    public interface FileFiller {
        void fill(Path temporaryFile) throws IOException;
    }

    public static void writeString(Path target, String content) throws IOException {
        requireNonNull(content, "content is null");
        write(target, out -> out.write(content.getBytes(StandardCharsets.UTF_8)));
    }

    public static void write(Path target, ContentWriter writer) throws IOException {
        requireNonNull(writer, "writer is null");
        fill(target, temp -> {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
                    OutputStream out = Channels.newOutputStream(channel)) {
                writer.writeTo(out);
                out.flush();
            }
        });
    }

    /**
     * Like {@link #write}, but leaves {@code target} untouched (its modification time too) when
     * it already holds exactly the new bytes: for writers of deterministic output whose readers
     * notice changes by size and modification time.
     *
     * @return whether {@code target} was written
     */
    public static boolean writeIfChanged(Path target, ContentWriter writer) throws IOException {
        requireNonNull(writer, "writer is null");
        return commit(target, temp -> {
            try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.WRITE)) {
                writer.writeTo(out);
            }
        }, temp -> !Files.isRegularFile(target) || Files.mismatch(temp, target) != -1);
    }

    /**
     * Lets {@code filler} write a temporary file beside {@code target}, forces it to disk and
     * renames it over {@code target}. On any failure the temporary file is deleted and
     * {@code target} is left as it was.
     */
    public static void fill(Path target, FileFiller filler) throws IOException {
        commit(target, filler, temp -> true);
    }

    /** Something that decides, once the temporary file is complete, whether it replaces the target. */
    @FunctionalInterface
    private interface Decision {
        boolean replace(Path temporaryFile) throws IOException;
    }

    private static boolean commit(Path target, FileFiller filler, Decision decision) throws IOException {
        requireNonNull(target, "target is null");
        requireNonNull(filler, "filler is null");
        Path folder = target.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Path temp = Files.createTempFile(folder, "." + target.getFileName() + ".", TEMP_SUFFIX);
        boolean moved = false;
        try {
            filler.fill(temp);
            if (!decision.replace(temp)) {
                return false;
            }
            force(temp);
            moveIntoPlace(temp, target);
            moved = true;
            forceDirectory(folder);
            return true;
        } finally {
            if (!moved) {
                Files.deleteIfExists(temp);
            }
        }
    }

    /** Renames {@code source} over {@code target} atomically where the file system allows it. */
    public static void moveIntoPlace(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** True for a temporary file this class creates, which a killed run may leave behind. */
    public static boolean isTemporary(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith(".") && name.endsWith(TEMP_SUFFIX);
    }

    public static void force(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    private static void forceDirectory(Path folder) {
        // Makes the rename itself durable on Linux; other systems refuse to open a folder,
        // and there the rename is as durable as the platform makes it.
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not supported here
        }
    }
}
