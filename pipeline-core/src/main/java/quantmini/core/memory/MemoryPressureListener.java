package quantmini.core.memory;

/** Told when the pressure level changes, on the monitor's thread: keep it short. */
@FunctionalInterface
public interface MemoryPressureListener {
    void onPressureChanged(MemoryPressure previous, MemoryPressure current, MemorySnapshot snapshot);
}
