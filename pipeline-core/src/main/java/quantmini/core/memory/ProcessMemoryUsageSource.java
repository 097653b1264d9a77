package quantmini.core.memory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import oshi.SystemInfo;
import oshi.software.os.OSProcess;

/**
 * This JVM's heap, and the process's resident set: from {@code /proc/self/status} on Linux
 * (cheap enough to sample every second), through OSHI elsewhere.
 */
public final class ProcessMemoryUsageSource implements MemoryUsageSource {
    private static final Path PROC_STATUS = Path.of("/proc/self/status");

    private final Runtime runtime = Runtime.getRuntime();
    private final boolean procAvailable = Files.isReadable(PROC_STATUS);
    private SystemInfo oshi;

    @Override
    public MemorySnapshot sample() {
        long heapUsed = runtime.totalMemory() - runtime.freeMemory();
        return new MemorySnapshot(heapUsed, runtime.maxMemory(), residentBytes());
    }

    private long residentBytes() {
        if (procAvailable) {
            try {
                for (String line : Files.readAllLines(PROC_STATUS, StandardCharsets.US_ASCII)) {
                    if (line.startsWith("VmRSS:")) {
                        // "VmRSS:     123456 kB"
                        String kilobytes = line.substring("VmRSS:".length()).replace("kB", "").trim();
                        return Long.parseLong(kilobytes) * 1024;
                    }
                }
            } catch (IOException | NumberFormatException e) {
                return -1;
            }
            return -1;
        }
        synchronized (this) {
            if (oshi == null) {
                oshi = new SystemInfo();
            }
            OSProcess process = oshi.getOperatingSystem().getCurrentProcess();
            return process == null ? -1 : process.getResidentMemory();
        }
    }
}
