package quantmini.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import quantmini.core.memory.MemoryPressure;

class AdaptiveChunkSizeTest {
    @Test
    void dropsUnderCriticalPressureAndGrowsBack() {
        AdaptiveChunkSize size = new AdaptiveChunkSize(1000, 100);
        assertEquals(1000, size.rows());
        size.onMemoryPressure(MemoryPressure.WARNING);
        assertEquals(1000, size.rows());
        size.onMemoryPressure(MemoryPressure.CRITICAL);
        assertEquals(100, size.rows());
        size.onMemoryPressure(MemoryPressure.WARNING);
        assertEquals(100, size.rows());
        size.onMemoryPressure(MemoryPressure.NORMAL);
        assertEquals(200, size.rows());
        for (int i = 0; i < 10; i++) {
            size.onMemoryPressure(MemoryPressure.NORMAL);
        }
        assertEquals(1000, size.rows());
        assertThrows(IllegalArgumentException.class, () -> new AdaptiveChunkSize(10, 100));
    }
}
