package quantmini.cli.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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

    @Test
    void aRunRefusedBeforeTheHolderRecordedItselfWaitsForTheRecord() throws Exception {
        Path file = root.resolve(".quantmini.lock");
        long lastRun = deadProcessId();
        Files.writeString(file, "pid " + lastRun + ", started 2024-03-08T01:00:00Z"); // left by a run killed with -9
        // a holder that has the lock and has not written its record yet, as at the instant after tryLock
        try (FileChannel holder = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
                FileLock held = holder.lock()) {
            String record = "pid " + ProcessHandle.current().pid() + ", started 2024-03-08T02:00:00Z";
            Thread writer = new Thread(() -> {
                try {
                    Thread.sleep(300);
                    holder.truncate(0);
                    holder.write(ByteBuffer.wrap(record.getBytes(StandardCharsets.UTF_8)), 0);
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            writer.start();
            QuantminiException refused = assertThrows(QuantminiException.class, () -> RunLock.acquire(file));
            writer.join();
            assertEquals(ExitCode.LOCKED, refused.exitCode());
            assertTrue(refused.getMessage().contains("(" + record + ")"), "names the holder, not the killed run: " + refused.getMessage());
        }
    }

    @Test
    void aRunThatEndsLeavesNoRecordThatCouldBeTakenForAHolder() throws IOException {
        Path file = root.resolve(".quantmini.lock");
        try (RunLock lock = RunLock.acquire(file)) {
            assertTrue(Files.readString(file).startsWith("pid "));
        }
        assertEquals("", Files.readString(file));
    }

    /** The pid of a process that has ended. */
    private static long deadProcessId() throws Exception {
        Process ended = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version").start();
        ended.getErrorStream().readAllBytes();
        ended.waitFor();
        return ended.pid();
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
