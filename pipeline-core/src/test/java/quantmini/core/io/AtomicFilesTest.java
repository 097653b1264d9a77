package quantmini.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path folder;

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void writesIntoFoldersItCreates() throws IOException {
        Path target = folder.resolve("a/b/c.txt");
        AtomicFiles.writeString(target, "hello");
        assertEquals("hello", Files.readString(target));
    }

    @Test
    void aFailedWriteLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path target = folder.resolve("data.csv");
        AtomicFiles.writeString(target, "old");
        IOException failure = assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            out.write("half of the new".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        }));
        assertEquals("disk full", failure.getMessage());
        assertEquals("old", Files.readString(target));
        assertEquals(List.of("data.csv"), names());
    }

    @Test
    void temporaryFilesAreHiddenAndRecognisable() throws IOException {
        Path target = folder.resolve("x.parquet");
        AtomicFiles.fill(target, temp -> {
            assertTrue(AtomicFiles.isTemporary(temp), temp.toString());
            assertEquals(folder, temp.getParent());
            Files.writeString(temp, "content");
        });
        assertFalse(AtomicFiles.isTemporary(target));
        assertEquals(List.of("x.parquet"), names());
    }

    @Test
    void writeIfChangedLeavesAnEqualFileAsItWas() throws IOException {
        Path target = folder.resolve("day.csv.gz");
        assertTrue(AtomicFiles.writeIfChanged(target, out -> out.write(new byte[] {1, 2, 3})));
        java.nio.file.attribute.FileTime before = java.nio.file.attribute.FileTime.fromMillis(1_000_000);
        Files.setLastModifiedTime(target, before);
        assertFalse(AtomicFiles.writeIfChanged(target, out -> out.write(new byte[] {1, 2, 3})));
        assertEquals(before, Files.getLastModifiedTime(target));
        assertTrue(AtomicFiles.writeIfChanged(target, out -> out.write(new byte[] {1, 2, 4})));
        assertEquals(List.of("day.csv.gz"), names());
    }
}
