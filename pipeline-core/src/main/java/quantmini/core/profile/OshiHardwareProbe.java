package quantmini.core.profile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.GlobalMemory;
import oshi.software.os.OSFileStore;
import oshi.software.os.OperatingSystem;

/** Measures the machine through OSHI, and through {@code /sys} for the disk kind on Linux. */
public final class OshiHardwareProbe implements HardwareProbe {
    @Override
    public HardwareFacts probe(Path dataRoot) {
        SystemInfo system = new SystemInfo();
        CentralProcessor processor = system.getHardware().getProcessor();
        GlobalMemory memory = system.getHardware().getMemory();
        OperatingSystem os = system.getOperatingSystem();
        String cpuModel = processor.getProcessorIdentifier().getName().trim();
        int logical = Math.max(1, processor.getLogicalProcessorCount());
        int physical = Math.max(1, Math.min(logical, processor.getPhysicalProcessorCount()));
        String architecture = System.getProperty("os.arch", "unknown");
        boolean macOs = os.getFamily().toLowerCase(Locale.ROOT).contains("mac");
        boolean appleSilicon = macOs && (architecture.equals("aarch64") || cpuModel.startsWith("Apple"));
        Path existing = nearestExistingFolder(dataRoot.toAbsolutePath().normalize());
        return new HardwareFacts(
                cpuModel.isEmpty() ? "unknown" : cpuModel,
                physical,
                logical,
                memory.getTotal(),
                memory.getAvailable(),
                appleSilicon ? DiskKind.SSD : diskKind(os, existing),
                freeBytes(existing),
                os.getFamily() + " " + os.getVersionInfo(),
                architecture,
                appleSilicon);
    }

    private static Path nearestExistingFolder(Path path) {
        Path current = path;
        while (current != null && !Files.exists(current)) {
            current = current.getParent();
        }
        return current == null ? Path.of("").toAbsolutePath() : current;
    }

    private static long freeBytes(Path existing) {
        try {
            return Files.getFileStore(existing).getUsableSpace();
        } catch (IOException e) {
            return 0;
        }
    }

    /** On Linux the block device's {@code queue/rotational} flag tells SSD (0) from HDD (1). */
    private static DiskKind diskKind(OperatingSystem os, Path existing) {
        Optional<OSFileStore> store = os.getFileSystem().getFileStores().stream()
                .filter(s -> !s.getMount().isEmpty() && existing.toString().startsWith(s.getMount()))
                .max(Comparator.comparingInt(s -> s.getMount().length()));
        if (store.isEmpty() || !store.get().getVolume().startsWith("/dev/")) {
            return DiskKind.UNKNOWN;
        }
        String device = store.get().getVolume().substring("/dev/".length());
        for (String candidate : new String[] {device, device.replaceAll("p?\\d+$", "")}) {
            Path flag = Path.of("/sys/block", candidate, "queue", "rotational");
            if (Files.isReadable(flag)) {
                try {
                    String value = Files.readString(flag, StandardCharsets.US_ASCII).trim();
                    return "0".equals(value) ? DiskKind.SSD : "1".equals(value) ? DiskKind.HDD : DiskKind.UNKNOWN;
                } catch (IOException e) {
                    return DiskKind.UNKNOWN;
                }
            }
        }
        return DiskKind.UNKNOWN;
    }
}
