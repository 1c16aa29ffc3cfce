package io.applog.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The drainer's lock file in the queue root: its name, what the holder writes into it, and
 * whether a drainer holds it.
 *
 * <p>A drainer that has taken the OS lock writes one line into the file,
 * {@code <pid> <start millis> <host> <pid namespace>} ({@link #content}), and adds
 * {@code released} to it just before it lets the lock go ({@link #released}). {@link #held} reads
 * that line and checks whether that process is alive with that start time: it does not take
 * the lock, so it cannot make a drainer that tries the lock at the same moment believe another
 * holds it. Only a holder on another host or in another pid namespace, whose pid means nothing
 * here, is probed by briefly taking the lock (a drainer retries its own attempt briefly).
 */
public final class DrainerLockFile {
    /** File name in the queue root; the drainer holds an OS lock on it while it runs. */
    public static final String NAME = "drainer.lock";
    private static final String RELEASED = "released";

    private DrainerLockFile() {
    }

    /**
     * The process that wrote the lock file last, as it wrote itself; {@code released}: it has
     * let the lock go (its process may still be alive).
     */
    public record Holder(long pid, long startMillis, String host, String pidNamespace, boolean released) {
        /**
         * True if its pid can be checked from here: same host and pid namespace, or a line of
         * an older version (pid only, written by a drainer on this host).
         */
        boolean checkable() {
            return startMillis == 0 || ProcessIdentity.current().canCheck(host, pidNamespace);
        }
    }

    /** The line a drainer of identity {@code me} writes into the lock file once it holds the lock. */
    public static String content(ProcessIdentity me) {
        return me.pid() + " " + me.startMillis() + " " + me.host() + " " + me.pidNamespace() + "\n";
    }

    /** The line a drainer of identity {@code me} writes just before it releases the lock. */
    public static String released(ProcessIdentity me) {
        return me.pid() + " " + me.startMillis() + " " + me.host() + " " + me.pidNamespace() + " " + RELEASED + "\n";
    }

    /**
     * The holder the lock file of {@code root} names, or null if there is no such file or it
     * names no pid. A line of an older version ({@code <pid>} only) gives start time 0.
     */
    public static Holder holder(Path root) {
        Path lock = root.resolve(NAME);
        String text;
        try {
            if (!Files.isRegularFile(lock, LinkOption.NOFOLLOW_LINKS) || Files.size(lock) > 4096) {
                return null;
            }
            text = Files.readString(lock, StandardCharsets.UTF_8).trim();
        } catch (IOException | RuntimeException e) { // a partial or foreign file reads as no holder
            return null;
        }
        return parse(text);
    }

    static Holder parse(String text) {
        String[] f = text.trim().split(" ", -1);
        try {
            long pid = Long.parseLong(f[0]);
            if (pid <= 0) {
                return null;
            }
            if (f.length < 4) {
                return new Holder(pid, 0, "", "", false);
            }
            return new Holder(pid, Long.parseLong(f[1]), f[2], f[3], f.length > 4 && RELEASED.equals(f[4]));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * True if a drainer holds the lock of {@code root}: the process its lock file names is alive
     * with the start time written there and has not released it. False without a file or a
     * line in it (a drainer writes its line right after it took the lock). Takes the lock
     * briefly only for a holder that cannot be checked from here (see the class comment).
     */
    public static boolean held(Path root) {
        Holder h = holder(root);
        if (h == null || h.released()) {
            return false;
        }
        if (h.checkable()) {
            return ProcessIdentity.isAlive(h.pid(), h.startMillis());
        }
        return lockTaken(root.resolve(NAME));
    }

    /** The probe of older versions: true if the lock cannot be taken right now. */
    private static boolean lockTaken(Path lock) {
        try (FileChannel ch = FileChannel.open(lock, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
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
