package quantmini.core.profile;

import static java.util.Objects.requireNonNull;

import quantmini.core.Preconditions;

/** What the machine has, as measured by a {@link HardwareProbe}. Sizes in bytes. */
public record HardwareFacts(
        String cpuModel,
        int physicalCores,
        int logicalCores,
        long totalMemoryBytes,
        long availableMemoryBytes,
        DiskKind diskKind,
        long dataRootFreeBytes,
        String operatingSystem,
        String architecture,
        boolean appleSilicon) {

    public HardwareFacts {
        requireNonNull(cpuModel, "cpuModel is null");
        requireNonNull(diskKind, "diskKind is null");
        requireNonNull(operatingSystem, "operatingSystem is null");
        requireNonNull(architecture, "architecture is null");
        Preconditions.checkArgument(logicalCores >= 1, "logicalCores must be positive: %s", logicalCores);
        Preconditions.checkArgument(physicalCores >= 1 && physicalCores <= logicalCores,
                "physicalCores must be between 1 and logicalCores (%s): %s", logicalCores, physicalCores);
        Preconditions.checkArgument(totalMemoryBytes > 0, "totalMemoryBytes must be positive: %s", totalMemoryBytes);
        Preconditions.checkArgument(availableMemoryBytes >= 0, "availableMemoryBytes must not be negative: %s", availableMemoryBytes);
        Preconditions.checkArgument(dataRootFreeBytes >= 0, "dataRootFreeBytes must not be negative: %s", dataRootFreeBytes);
    }
}
