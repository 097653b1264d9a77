package quantmini.qlib;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import quantmini.core.io.FileTrees;

/**
 * Replaces a whole tree at once: a full build writes a staging tree beside the live one, and two
 * renames put it in place ({@code live -> .old}, {@code staging -> live}). A run killed anywhere
 * leaves the old complete tree or the new complete one; {@link #recover()} finishes or undoes a
 * swap a killed run left half done, and deletes a half-written staging tree.
 */
final class TreeSwap {
    private final Path live;
    private final Path staging;
    private final Path old;

    TreeSwap(Path live) {
        this.live = requireNonNull(live, "live is null").toAbsolutePath().normalize();
        String name = this.live.getFileName().toString();
        this.staging = this.live.resolveSibling("." + name + ".staging");
        this.old = this.live.resolveSibling("." + name + ".old");
    }

    Path staging() {
        return staging;
    }

    /** Brings the folders back to one complete live tree (or none, before the first build). */
    void recover() throws IOException {
        if (!Files.exists(live)) {
            if (Files.exists(staging) && isComplete(staging)) {
                move(staging, live);
            } else if (Files.exists(old)) {
                move(old, live);
            }
        }
        FileTrees.deleteRecursively(staging);
        FileTrees.deleteRecursively(old);
    }

    /** An empty staging folder. */
    Path prepareStaging() throws IOException {
        FileTrees.deleteRecursively(staging);
        Files.createDirectories(staging);
        return staging;
    }

    /** Puts the complete staging tree in place of the live one. */
    void swap() throws IOException {
        if (!isComplete(staging)) {
            throw new IOException("staging tree " + staging + " is incomplete; not swapping");
        }
        if (Files.exists(live)) {
            move(live, old);
        }
        move(staging, live);
        FileTrees.deleteRecursively(old);
    }

    private static boolean isComplete(Path tree) {
        return Files.exists(GoldTree.stateFileOf(tree));
    }

    private static void move(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
        // Makes the rename durable on Linux; other systems refuse to open a folder.
        try (java.nio.channels.FileChannel folder = java.nio.channels.FileChannel.open(to.getParent(),
                java.nio.file.StandardOpenOption.READ)) {
            folder.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not supported here
        }
    }
}
