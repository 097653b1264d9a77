package quantmini.core.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import quantmini.core.config.IngestMode;

class ProfileRecommenderTest {
    private static final long GIB = 1L << 30;
    private final ProfileRecommender recommender = new ProfileRecommender();

    static HardwareFacts machine(long memoryBytes, int cores) {
        return new HardwareFacts("test cpu", cores, cores, memoryBytes, memoryBytes / 2, DiskKind.SSD, 500 * GIB,
                "Linux", "amd64", false);
    }

    private IngestMode modeFor(double gib) {
        return recommender.recommend(machine((long) (gib * GIB), 8)).mode();
    }

    @Test
    void streamsUnder32GigabytesOfMemory() {
        assertEquals(IngestMode.STREAMING, modeFor(8));
        assertEquals(IngestMode.STREAMING, modeFor(16));
        assertEquals(IngestMode.STREAMING, modeFor(24));
        // 29.7 GB: just under the line
        assertEquals(IngestMode.STREAMING, modeFor(27.7));
    }

    @Test
    void batchesFrom32To64Gigabytes() {
        // a 32 GB Linux machine reports ~31.3 GiB (the kernel keeps some): still 33.6 GB
        assertEquals(IngestMode.BATCH, modeFor(31.3));
        assertEquals(IngestMode.BATCH, modeFor(32));
        assertEquals(IngestMode.BATCH, modeFor(48));
        assertEquals(IngestMode.BATCH, modeFor(62.8));
        assertEquals(IngestMode.BATCH, modeFor(64));
    }

    @Test
    void goesParallelAbove64Gigabytes() {
        assertEquals(IngestMode.PARALLEL, modeFor(64.5));
        assertEquals(IngestMode.PARALLEL, modeFor(96));
        assertEquals(IngestMode.PARALLEL, modeFor(128));
    }

    @Test
    void limitsGrowWithTheMachine() {
        ResourceLimits laptop = recommender.recommend(machine(16 * GIB, 8));
        assertEquals(new ResourceLimits(IngestMode.STREAMING, 8 * GIB, 100_000, 4, 8), laptop);
        ResourceLimits workstation = recommender.recommend(machine(48 * GIB, 16));
        assertEquals(new ResourceLimits(IngestMode.BATCH, (long) (48 * GIB * 0.6), 500_000, 16, 16), workstation);
        ResourceLimits server = recommender.recommend(machine(256 * GIB, 64));
        assertEquals(new ResourceLimits(IngestMode.PARALLEL, (long) (256 * GIB * 0.7), 500_000, 64, 32), server);
        ResourceLimits small = recommender.recommend(machine(4 * GIB, 1));
        assertEquals(1, small.workerThreads());
        assertEquals(4, small.concurrentDownloads());
    }
}
