package io.applog.writer;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names of writer queue directories under the queue root: {@code w-<pid>-<startMillis>}, with
 * {@code -<n>} appended when one process opens applog again after closing it. The pid and
 * process start time are recoverable from the name alone.
 */
public final class WriterDirectory {
    private static final Pattern NAME = Pattern.compile("w-(\\d{1,10})-(\\d{1,15})(?:-(\\d{1,6}))?");

    private final long pid;
    private final long startMillis;

    private WriterDirectory(long pid, long startMillis) {
        this.pid = pid;
        this.startMillis = startMillis;
    }

    public static String name(long pid, long startMillis, int generation) {
        String base = "w-" + pid + "-" + startMillis;
        return generation == 0 ? base : base + "-" + generation;
    }

    /** Parses a directory name; null if it is not a writer directory's name. */
    public static WriterDirectory parse(Path dir) {
        Path file = dir.getFileName();
        if (file == null) {
            return null;
        }
        Matcher m = NAME.matcher(file.toString());
        if (!m.matches()) {
            return null;
        }
        return new WriterDirectory(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
    }

    public long pid() {
        return pid;
    }

    public long startMillis() {
        return startMillis;
    }
}
