package io.applog.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** The drainer's lock file in the queue root: its name, and whether some process holds it. */
public final class DrainerLockFile {
    /** File name in the queue root; the drainer holds an OS lock on it while it runs. */
    public static final String NAME = "drainer.lock";

    private DrainerLockFile() {
    }

    /** True if some process holds the drainer lock of {@code root}. */
    public static boolean held(Path root) {
        Path lock = root.resolve(NAME);
        if (!Files.exists(lock)) {
            return false;
        }
        try (FileChannel ch = FileChannel.open(lock, StandardOpenOption.WRITE)) {
            FileLock held = ch.tryLock();
            if (held == null) {
                return true;
            }
            held.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

}
