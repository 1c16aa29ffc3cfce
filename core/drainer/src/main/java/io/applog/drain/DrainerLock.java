package io.applog.drain;

import io.applog.internal.SecureFiles;

import java.io.IOException;
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
 * when the holder dies, so a successor takes over after a kill -9. The file holds the
 * holder's pid, for the refusal message.
 */
public final class DrainerLock implements AutoCloseable {
    static final String FILE = io.applog.internal.DrainerLockFile.NAME;

    private final FileChannel channel;
    private final FileLock lock;

    private DrainerLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock or throws {@link BusyException} naming the holder's pid.
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
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        if (lock == null) {
            String holder = readHolder(ch);
            ch.close();
            throw new BusyException(busy + " by pid " + holder);
        }
        SecureFiles.restrict(file, SecureFiles.FILE);
        ch.truncate(0);
        ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n")
                .getBytes(StandardCharsets.US_ASCII)), 0);
        return new DrainerLock(ch, lock);
    }

    private static String readHolder(FileChannel ch) {
        try {
            ByteBuffer buf = ByteBuffer.allocate(32);
            ch.read(buf, 0);
            String text = new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII).trim();
            return text.isEmpty() ? "?" : text;
        } catch (IOException e) {
            return "?";
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

    /** Another process holds the lock. */
    static final class BusyException extends IOException {
        private static final long serialVersionUID = 1L;

        BusyException(String message) {
            super(message);
        }
    }
}
