package quantmini.core.memory;

/** Reads the process's memory; the real one asks the JVM and the OS, tests script readings. */
@FunctionalInterface
public interface MemoryUsageSource {
    MemorySnapshot sample();
}
