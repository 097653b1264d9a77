package quantmini.core.io;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTreesTest {
    @TempDir
    Path temp;

    @Test
    void deletesATreeAndLeavesItsSiblings() throws Exception {
        Path tree = temp.resolve("tree");
        Files.createDirectories(tree.resolve("a/b/c"));
        Files.writeString(tree.resolve("a/b/c/file.bin"), "x");
        Files.writeString(tree.resolve("a/top.txt"), "y");
        Path sibling = Files.writeString(temp.resolve("tree.txt"), "z");

        FileTrees.deleteRecursively(tree);

        assertFalse(Files.exists(tree));
        assertTrue(Files.exists(sibling));
    }

    @Test
    void aMissingTreeIsNothingToDo() throws Exception {
        FileTrees.deleteRecursively(temp.resolve("absent"));

        assertTrue(Files.isDirectory(temp));
    }
}
