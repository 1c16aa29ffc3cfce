package io.applog.kafka;

import io.applog.drain.Rotation;

import java.nio.file.Path;

/**
 * What {@code applog collect} reads and writes.
 *
 * @param kafka          servers, topic and client properties
 * @param logfile        the one logfile every host's writers are merged into
 * @param format         {@code text}, {@code json} or {@code otel}
 * @param pattern        the text line's pattern ({@code --pattern}); null for the default line
 * @param timeoutSeconds exit once every writer has ended or been silent this long and all is
 *                       written; 0 never exits
 * @param reorderMillis  how long a writer may stay silent (at least {@link Collector#STALL_MILLIS})
 *                       before it no longer holds back the other writers' records
 * @param fromBeginning  without a checkpoint, read the topic from its start (else from its end)
 * @param echoStdout     also write every line to standard output
 * @param rotation       when to rotate the logfile
 */
public record CollectorOptions(KafkaSettings kafka, Path logfile, String format, String pattern, int timeoutSeconds,
                               long reorderMillis, boolean fromBeginning, boolean echoStdout, Rotation rotation) {
    public CollectorOptions {
        if (timeoutSeconds < 0) {
            throw new IllegalArgumentException("timeoutSeconds=" + timeoutSeconds + " (expected >= 0)");
        }
        if (reorderMillis < 0) {
            throw new IllegalArgumentException("reorderMillis=" + reorderMillis + " (expected >= 0)");
        }
    }
}
