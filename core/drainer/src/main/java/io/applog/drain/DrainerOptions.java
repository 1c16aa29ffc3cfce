package io.applog.drain;

import java.nio.file.Path;

/**
 * What a drainer drains and how. The drainer itself reads {@code queue}, {@code timeoutSeconds}
 * and {@code reorderMillis}; the rest says which sink records go to and is read only by
 * {@link Sinks} (today the logfile, {@link FileSink}).
 *
 * @param queue          the queue dir holding the writer queues
 * @param logfile        the logfile the file sink writes
 * @param format         the logfile's output format: {@code text}, {@code json} or {@code otel}
 * @param timeoutSeconds exit this long after no writer is alive; 0 never exits
 * @param echoStdout     the file sink also writes every line to standard output
 * @param reorderMillis  how long a record waits for quieter writers' older records
 * @param rotation       when the file sink rotates the logfile
 * @param pattern        the text line's pattern ({@code --pattern}), or null for the default line
 */
public record DrainerOptions(Path queue, Path logfile, String format, int timeoutSeconds,
                             boolean echoStdout, long reorderMillis, Rotation rotation, String pattern) {
    public static final long REORDER_MILLIS_DEFAULT = 100;

    /** Options without rotation. */
    public DrainerOptions(Path queue, Path logfile, String format, int timeoutSeconds,
                          boolean echoStdout, long reorderMillis) {
        this(queue, logfile, format, timeoutSeconds, echoStdout, reorderMillis, Rotation.NONE);
    }

    /** Options with the default text line. */
    public DrainerOptions(Path queue, Path logfile, String format, int timeoutSeconds,
                          boolean echoStdout, long reorderMillis, Rotation rotation) {
        this(queue, logfile, format, timeoutSeconds, echoStdout, reorderMillis, rotation, null);
    }

    public DrainerOptions {
        if (timeoutSeconds < 0) {
            throw new IllegalArgumentException("timeoutSeconds=" + timeoutSeconds + " (expected >= 0)");
        }
        if (rotation == null) {
            throw new IllegalArgumentException("rotation=null");
        }
        if (reorderMillis < 0) {
            throw new IllegalArgumentException("reorderMillis=" + reorderMillis + " (expected >= 0)");
        }
    }
}
