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
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import quantmini.core.ExitCode;
import quantmini.core.QuantminiException;

/**
 * The one-writer lock on a data root, so two runs (a cron job and a manual backfill, say) never
 * write the lake at once. An operating-system file lock: it ends with the process, also on
 * kill -9, so a crashed run never leaves a stale lock behind. The file records the holder's pid
 * and start time for the message the second run prints.
 *
 * <p>The holder writes that record just after it takes the lock, so a run that starts at the
 * same moment can find the lock taken and the record still empty, or still naming an earlier
 * run that was killed. It waits a moment for a record that names a live process.
 */
public final class RunLock implements AutoCloseable {
    private static final Pattern RECORD = Pattern.compile("pid (\\d+), started \\S+");
    /** How long a refused run waits for the holder to record itself; it takes microseconds unless the machine is swamped. */
    private static final long RECORD_WAIT_NANOS = TimeUnit.SECONDS.toNanos(3);
    private static final long RECORD_POLL_MILLIS = 10;

    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock, or fails without waiting for it (only, for a moment, for the holder's record).
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
            String holder;
            try {
                holder = awaitHolder(channel);
            } finally {
                channel.close();
            }
            throw new QuantminiException(ExitCode.LOCKED, "another run holds the lock " + lockFile + " (" + holder + "); "
                    + "wait for it to finish, or stop that process");
        }
        String holder = "pid " + ProcessHandle.current().pid() + ", started " + Instant.now();
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(holder.getBytes(StandardCharsets.UTF_8)), 0);
        channel.force(true);
        return new RunLock(channel, lock);
    }

    /** The holder's record once it names a live process; what the file holds when the wait ends. */
    private static String awaitHolder(FileChannel channel) {
        long deadline = System.nanoTime() + RECORD_WAIT_NANOS;
        String record = readRecord(channel);
        while (!namesLiveProcess(record) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(RECORD_POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            record = readRecord(channel);
        }
        if (namesLiveProcess(record)) {
            return record;
        }
        // a holder on another machine (a shared data root) is no process of this one
        return record.isEmpty() ? "holder unknown" : record + ", not a process of this machine";
    }

    private static String readRecord(FileChannel channel) {
        try {
            ByteBuffer buffer = ByteBuffer.allocate(256);
            int read = channel.read(buffer, 0);
            return read <= 0 ? "" : new String(buffer.array(), 0, read, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return ""; // the message then says the holder is unknown; the refusal stands
        }
    }

    private static boolean namesLiveProcess(String record) {
        Matcher matcher = RECORD.matcher(record);
        return matcher.matches() && ProcessHandle.of(Long.parseLong(matcher.group(1))).map(ProcessHandle::isAlive).orElse(false);
    }

    @Override
    public void close() throws IOException {
        try {
            // a run that ends cleanly leaves no record behind (a killed one does; see awaitHolder)
            channel.truncate(0);
            lock.release();
        } finally {
            channel.close();
        }
    }
}
