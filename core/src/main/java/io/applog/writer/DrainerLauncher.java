package io.applog.writer;

import io.applog.internal.InternalLog;
import io.applog.internal.JvmFlags;

import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts {@code applog drain} as a separate JVM (same java, same classpath) when no drainer
 * holds the queue's lock. The drainer runs in its own session, so it outlives the
 * application and still writes the last records of one that crashed.
 */
public final class DrainerLauncher {
    /** The drainer's lock file in the queue root. */
    public static final String LOCK_FILE = "drainer.lock";
    private static final String MAIN_CLASS = "io.applog.cli.Main";

    private DrainerLauncher() {
    }

    /** True if some process holds the drainer lock of {@code root}. */
    public static boolean drainerRunning(Path root) {
        Path lock = root.resolve(LOCK_FILE);
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

    /**
     * Starts a drainer unless one is running. Returns the started process, or null.
     * Never throws: a failure is one line on stderr.
     */
    public static Process startIfAbsent(Path root, Path logfile, String format, int timeoutSeconds) {
        if (drainerRunning(root)) {
            return null;
        }
        List<String> cmd = new ArrayList<>();
        if (new File("/usr/bin/setsid").canExecute()) {
            cmd.add("/usr/bin/setsid");
        }
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(JvmFlags.drainer());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(MAIN_CLASS);
        cmd.add("drain");
        cmd.add("--queue");
        cmd.add(root.toString());
        cmd.add("--logfile");
        cmd.add(logfile.toString());
        cmd.add("--format");
        cmd.add(format);
        cmd.add("--timeout-sec");
        cmd.add(Integer.toString(timeoutSeconds));
        cmd.add("--if-absent");
        try {
            return new ProcessBuilder(cmd)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
        } catch (IOException | RuntimeException e) {
            InternalLog.warn("cannot start a drainer for " + root + ": " + InternalLog.describe(e));
            return null;
        }
    }
}
