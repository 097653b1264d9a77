package quantmini.cli.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quantmini.core.ExitCode;
import quantmini.core.QuantminiException;

class RunLockTest {
    @TempDir
    Path root;

    @Test
    void aSecondRunIsToldWhoHoldsTheLockAndExitsWith3() throws IOException {
        Path file = root.resolve(".quantmini.lock");
        try (RunLock first = RunLock.acquire(file)) {
            QuantminiException refused = assertThrows(QuantminiException.class, () -> RunLock.acquire(file));
            assertEquals(ExitCode.LOCKED, refused.exitCode());
            assertTrue(refused.getMessage().contains("pid " + ProcessHandle.current().pid() + ", started "), refused.getMessage());
        }
        try (RunLock again = RunLock.acquire(file)) {
            // released by close: the next run gets it
        }
    }

    @Test
    void aLockHeldByAnotherProcessIsRefusedUntilThatProcessEnds() throws Exception {
        Path file = root.resolve(".quantmini.lock");
        // another JVM takes the lock and keeps it while its standard input stays open
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LockHolder.class.getName(), file.toString()).start();
        try {
            assertEquals('L', holder.getInputStream().read(), "the holder reports it has the lock");
            QuantminiException refused = assertThrows(QuantminiException.class, () -> RunLock.acquire(file));
            assertTrue(refused.getMessage().contains("pid " + holder.pid()), refused.getMessage());
        } finally {
            holder.destroyForcibly().waitFor();
        }
        try (RunLock mine = RunLock.acquire(file)) {
            // a killed holder leaves no stale lock
        }
    }

    /** Takes the lock, says so, and holds it until killed. */
    public static final class LockHolder {
        public static void main(String[] args) throws Exception {
            try (RunLock lock = RunLock.acquire(Path.of(args[0]))) {
                System.out.print('L');
                System.out.flush();
                Thread.sleep(60_000);
            }
        }
    }
}
