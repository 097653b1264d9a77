package quantmini.features;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DuckDbSessionsTest {
    @Test
    void duckDbGetsItsShareOfTheBudgetAndTheThreads() throws Exception {
        var limits = new quantmini.core.profile.ResourceLimits(quantmini.core.config.IngestMode.BATCH, 4_000_000_000L, 1_000, 3, 1);
        assertEquals(3_000_000_000L, DuckDbSessions.memoryLimitBytes(limits));
        java.nio.file.Path spill = java.nio.file.Files.createTempDirectory("spill");
        try (var duckdb = DuckDbSessions.open(limits, spill); var sql = duckdb.createStatement()) {
            try (var r = sql.executeQuery("SELECT current_setting('threads'), current_setting('memory_limit')")) {
                r.next();
                assertEquals(3, r.getInt(1));
                assertEquals("2.7 GiB", r.getString(2));
            }
        }
    }
}
