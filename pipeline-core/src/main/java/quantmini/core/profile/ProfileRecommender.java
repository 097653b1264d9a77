package quantmini.core.profile;

import static java.util.Objects.requireNonNull;

import quantmini.core.config.IngestMode;

/**
 * Picks the ingest mode and limits from the machine's figures: streaming under 32 GB of memory,
 * batch from 32 to 64 GB, parallel above (the design card).
 *
 * <p>Memory is compared in GB of 10^9 bytes, as sold: a "32 GB" machine reports 32 GiB or a
 * little less (firmware and kernel keep some), which is still 33-34 GB, and so lands in batch
 * as its owner expects, while a 24 GiB machine (25.8 GB) streams.
 */
public final class ProfileRecommender {
    static final double STREAMING_BELOW_GB = 32;
    /** 64 GiB in GB: a machine sold as 64 GB is still batch. */
    static final double PARALLEL_ABOVE_GB = (64L << 30) / 1e9;

    public ResourceLimits recommend(HardwareFacts hardware) {
        requireNonNull(hardware, "hardware is null");
        double totalGb = hardware.totalMemoryBytes() / 1e9;
        IngestMode mode;
        if (totalGb < STREAMING_BELOW_GB) {
            mode = IngestMode.STREAMING;
        } else if (totalGb <= PARALLEL_ABOVE_GB) {
            mode = IngestMode.BATCH;
        } else {
            mode = IngestMode.PARALLEL;
        }
        int cores = hardware.logicalCores();
        switch (mode) {
            case STREAMING:
                // a laptop shares its memory with everything else its owner runs
                return new ResourceLimits(mode, share(hardware, 0.5), 100_000, Math.min(cores, 4), clamp(2 * cores, 4, 8));
            case BATCH:
                return new ResourceLimits(mode, share(hardware, 0.6), 500_000, cores, clamp(2 * cores, 4, 16));
            default:
                return new ResourceLimits(mode, share(hardware, 0.7), 500_000, cores, clamp(2 * cores, 8, 32));
        }
    }

    private static long share(HardwareFacts hardware, double fraction) {
        return (long) (hardware.totalMemoryBytes() * fraction);
    }

    private static int clamp(int value, int min, int max) {
        return Math.max(min, Math.min(max, value));
    }
}
