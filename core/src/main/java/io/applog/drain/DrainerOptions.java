package io.applog.drain;

import java.nio.file.Path;

/**
 * What a drainer drains and how.
 *
 * @param queue          the queue root holding writer directories
 * @param logfile        the file written
 * @param format         {@code text} or {@code json}
 * @param timeoutSeconds exit this long after no writer is alive; 0 never exits
 * @param echoStdout     also write every line to standard output
 * @param reorderMillis  how long a record waits for quieter writers' older records
 */
public record DrainerOptions(Path queue, Path logfile, String format, int timeoutSeconds,
                             boolean echoStdout, long reorderMillis) {
    public static final long REORDER_MILLIS_DEFAULT = 100;

    public DrainerOptions {
        if (timeoutSeconds < 0) {
            throw new IllegalArgumentException("timeoutSeconds=" + timeoutSeconds + " (expected >= 0)");
        }
        if (reorderMillis < 0) {
            throw new IllegalArgumentException("reorderMillis=" + reorderMillis + " (expected >= 0)");
        }
    }
}
