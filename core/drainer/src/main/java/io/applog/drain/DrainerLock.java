package io.applog.drain;

import io.applog.internal.DrainerLockFile;
import io.applog.internal.ProcessIdentity;
import io.applog.internal.SecureFiles;

import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The OS lock that makes a drainer the only one of its queue dir. The kernel releases it
 * when the holder dies, so a successor takes over after a kill -9. Once locked, the file holds
 * the holder's pid, start time, host and pid namespace ({@link DrainerLockFile#content}): the
 * refusal message names the pid, and others check for a drainer by that line without taking
 * the lock ({@link DrainerLockFile#held}).
 */
public final class DrainerLock implements Closeable {
    static final String FILE = DrainerLockFile.NAME;
    /**
     * How long {@link #acquire} keeps trying: a process that probes by taking the lock (an
     * older version, or one checking a holder in another pid namespace) holds it for
     * microseconds, and must not make a starting drainer give up.
     */
    private static final long RETRY_NANOS = 250_000_000L;
    private static final long RETRY_PAUSE_MILLIS = 5;

    private final FileChannel channel;
    private final FileLock lock;

    private DrainerLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock, trying for up to a quarter of a second, then writes this process's
     * line into the file; or throws {@link BusyException} naming the holder's pid.
     */
    static DrainerLock acquire(Path root) throws IOException {
        return acquire(root, "queue dir " + root + " is already being drained");
    }

    /**
     * Takes the lock of {@code dir} (its file {@code drainer.lock}) or throws an IOException
     * that {@link Drainer#isBusy} recognises: {@code busy} followed by {@code by pid N}.
     */
    public static DrainerLock acquire(Path dir, String busy) throws IOException {
        Path root = dir;
        Path file = root.resolve(FILE);
        FileChannel ch = FileChannel.open(file, java.util.Set.of(StandardOpenOption.CREATE,
                        StandardOpenOption.READ, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS),
                PosixFilePermissions.asFileAttribute(SecureFiles.FILE));
        FileLock lock;
        try {
            lock = tryLock(ch);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        if (lock == null) {
            ch.close();
            DrainerLockFile.Holder holder = DrainerLockFile.holder(root);
            throw new BusyException(busy + " by pid " + (holder == null ? "?" : Long.toString(holder.pid())));
        }
        SecureFiles.restrict(file, SecureFiles.FILE);
        writeLine(ch, DrainerLockFile.content(ProcessIdentity.current()));
        return new DrainerLock(ch, lock);
    }

    /** Writes {@code line} over the old one, then cuts the file to it: it never reads as empty. */
    private static void writeLine(FileChannel ch, String line) throws IOException {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        ch.write(ByteBuffer.wrap(bytes), 0);
        ch.truncate(bytes.length);
    }

    /** The lock, or null if another process still holds it after {@link #RETRY_NANOS}. */
    private static FileLock tryLock(FileChannel ch) throws IOException {
        long deadline = System.nanoTime() + RETRY_NANOS;
        while (true) {
            try {
                FileLock lock = ch.tryLock();
                if (lock != null) {
                    return lock;
                }
            } catch (OverlappingFileLockException e) {
                return null; // this JVM holds it already: no point in waiting
            }
            if (System.nanoTime() - deadline >= 0) {
                return null;
            }
            try {
                Thread.sleep(RETRY_PAUSE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for " + FILE);
            }
        }
    }

    /**
     * Marks the line released (this process may live on, a test or an embedding application),
     * then releases the lock.
     */
    @Override
    public void close() throws IOException {
        try {
            writeLine(channel, DrainerLockFile.released(ProcessIdentity.current()));
            lock.release();
        } finally {
            channel.close();
        }
    }

    /** Another process holds the lock. */
    static final class BusyException extends IOException {
        private static final long serialVersionUID = 1L;

        BusyException(String message) {
            super(message);
        }
    }
}
