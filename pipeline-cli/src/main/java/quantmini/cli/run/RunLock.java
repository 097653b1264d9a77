package quantmini.cli.run;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import quantmini.core.ExitCode;
import quantmini.core.QuantminiException;

/**
 * The one-writer lock on a data root, so two runs (a cron job and a manual backfill, say) never
 * write the lake at once. An operating-system file lock: it ends with the process, also on
 * kill -9, so a crashed run never leaves a stale lock behind. The file records the holder's pid
 * and start time for the message the second run prints.
 */
public final class RunLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock or fails at once.
     *
     * @throws QuantminiException with {@link ExitCode#LOCKED}, naming the holder's pid and start
     *     time, when another run holds it
     */
    public static RunLock acquire(Path lockFile) throws IOException {
        requireNonNull(lockFile, "lockFile is null");
        Files.createDirectories(lockFile.toAbsolutePath().getParent());
        FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // this very process holds it already
        }
        if (lock == null) {
            String holder = readHolder(channel);
            channel.close();
            throw new QuantminiException(ExitCode.LOCKED, "another run holds the lock " + lockFile + " (" + holder + "); "
                    + "wait for it to finish, or stop that process");
        }
        String holder = "pid " + ProcessHandle.current().pid() + ", started " + Instant.now();
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(holder.getBytes(StandardCharsets.UTF_8)), 0);
        channel.force(true);
        return new RunLock(channel, lock);
    }

    private static String readHolder(FileChannel channel) {
        try {
            ByteBuffer buffer = ByteBuffer.allocate(256);
            int read = channel.read(buffer, 0);
            return read <= 0 ? "holder unknown" : new String(buffer.array(), 0, read, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return "holder unknown";
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
