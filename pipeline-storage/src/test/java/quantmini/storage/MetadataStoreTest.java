package quantmini.storage;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quantmini.core.DataType;

class MetadataStoreTest {
    private static final LocalDate DAY = LocalDate.of(2024, 3, 6);

    @TempDir
    Path root;

    @Test
    void aDayCutShortStaysNotedAfterTheRepairUntilItsIngestRecordsIt() throws Exception {
        LakeLayout layout = new LakeLayout(root);
        try (RootAllocator allocator = new RootAllocator()) {
            MetadataStore metadata = new MetadataStore(layout, allocator);
            metadata.markPending(DataType.STOCKS_DAILY, DAY); // and then the run was killed

            // the next run repairs what bronze can tell, and may itself be killed before it redoes the day
            metadata.rebuildFromBronze(DataType.STOCKS_DAILY);
            assertTrue(metadata.interrupted(DataType.STOCKS_DAILY));
            assertTrue(Files.exists(layout.pendingIngestNote(DataType.STOCKS_DAILY, DAY)),
                    "the day's daily stats and quarantine file are still to be written");

            metadata.clearPending(DataType.STOCKS_DAILY, DAY);
            assertFalse(metadata.interrupted(DataType.STOCKS_DAILY));
            assertFalse(Files.exists(layout.pendingIngestNotes(DataType.AssetClass.STOCKS)), "no empty folder left behind");
        }
    }

    @Test
    void aNoteWhoseWriteWasKilledLeavesNothingOnceTheDayIsRecorded() throws Exception {
        LakeLayout layout = new LakeLayout(root);
        Path note = layout.pendingIngestNote(DataType.STOCKS_MINUTE, DAY);
        Files.createDirectories(note.getParent());
        // what AtomicFiles leaves when the process dies before its rename
        Files.writeString(note.resolveSibling("." + note.getFileName() + ".15728972474226010477.tmp"), "");
        try (RootAllocator allocator = new RootAllocator()) {
            MetadataStore metadata = new MetadataStore(layout, allocator);

            metadata.markPending(DataType.STOCKS_MINUTE, DAY);
            metadata.clearPending(DataType.STOCKS_MINUTE, DAY);

            assertFalse(Files.exists(layout.pendingIngestNotes(DataType.AssetClass.STOCKS)),
                    "the rerun ends with the metadata folder of a clean run");
        }
    }
}
