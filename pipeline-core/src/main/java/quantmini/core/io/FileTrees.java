package quantmini.core.io;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Operations on whole folder trees. */
public final class FileTrees {
    private FileTrees() {}

    /**
     * Deletes {@code root} and everything below it; nothing when it does not exist. Not atomic:
     * callers that need a tree to vanish at once rename it aside first and delete the renamed
     * tree, so a crash halfway leaves only a leftover to delete again.
     */
    public static void deleteRecursively(Path root) throws IOException {
        requireNonNull(root, "root is null");
        if (!Files.exists(root)) {
            return;
        }
        List<Path> deepestFirst;
        try (Stream<Path> walk = Files.walk(root)) {
            deepestFirst = walk.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path path : deepestFirst) {
            Files.deleteIfExists(path);
        }
    }
}
