package quantmini.core.memory;

import java.util.OptionalLong;
import quantmini.core.Preconditions;

/**
 * One reading of the process's memory.
 *
 * @param residentBytes the process's resident set size, or -1 where the platform does not tell
 */
public record MemorySnapshot(long heapUsedBytes, long heapMaxBytes, long residentBytes) {
    public MemorySnapshot {
        Preconditions.checkArgument(heapUsedBytes >= 0, "heapUsedBytes must not be negative: %s", heapUsedBytes);
        Preconditions.checkArgument(heapMaxBytes > 0, "heapMaxBytes must be positive: %s", heapMaxBytes);
    }

    public OptionalLong resident() {
        return residentBytes < 0 ? OptionalLong.empty() : OptionalLong.of(residentBytes);
    }

    /**
     * The larger of the heap's fill and the resident set's share of {@code budgetBytes}: either
     * running out ends the run (an OutOfMemoryError, or the OS killing the process).
     */
    public double fractionUsed(long budgetBytes) {
        Preconditions.checkArgument(budgetBytes > 0, "budgetBytes must be positive: %s", budgetBytes);
        double heap = heapUsedBytes / (double) heapMaxBytes;
        double resident = residentBytes < 0 ? 0 : residentBytes / (double) budgetBytes;
        return Math.max(heap, resident);
    }
}
