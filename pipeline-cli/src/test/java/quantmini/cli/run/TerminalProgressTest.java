package quantmini.cli.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TerminalProgressTest {
    @Test
    void theBarShowsCountsRatesAndTimeLeft() {
        AtomicLong now = new AtomicLong();
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        TerminalProgress progress = new TerminalProgress(new PrintStream(screen, true, StandardCharsets.UTF_8), now::get);
        progress.started("download", 4, -1);
        now.set(2_000_000_000L);
        progress.bytesDone(10_000_000);
        progress.unitDone("a", true);
        assertEquals("download [======>                 ] 1/4  10.0 MB  5.0 MB/s  ETA 0:06", progress.line(now.get()));
        progress.unitDone("b", false);
        assertTrue(progress.line(now.get()).contains("2/4 (1 failed)"));
        progress.finished();
        assertTrue(screen.toString(StandardCharsets.UTF_8).startsWith("\rdownload ["), "redrawn in place");
    }
}
