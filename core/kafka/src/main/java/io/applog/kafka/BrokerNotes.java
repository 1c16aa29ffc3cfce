package io.applog.kafka;

import io.applog.internal.InternalLog;
import org.apache.kafka.common.errors.RetriableException;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * What {@code applog ship} says about its broker: one line when flushes start to fail (the
 * broker unreachable since its last acknowledgement, or another problem, credentials masked),
 * one when a flush succeeds again, nothing per attempt.
 * <pre>
 * applog ship: broker 127.0.0.1:9092 unreachable since 12:00:01 (retrying); records wait in the queue dir
 * applog ship: broker 127.0.0.1:9092 reachable again after 20.3 s
 * </pre>
 */
final class BrokerNotes {
    private static final DateTimeFormatter SINCE = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final KafkaSettings settings;
    private final String describe;
    /** When the broker last acknowledged a message (epoch millis). */
    private volatile long lastAckMillis = System.currentTimeMillis();
    /** Since when flushes fail (the last acknowledgement before), epoch millis; -1 while they succeed. */
    private long downSinceMillis = -1;
    /** The problem last noted ({@code unreachable}, or another failure's text); null while none. */
    private String problem;

    /** @param describe the sink, for messages ({@code topic T at B}) */
    BrokerNotes(KafkaSettings settings, String describe) {
        this.settings = settings;
        this.describe = describe;
    }

    /** The broker acknowledged a message (the producer's I/O thread). */
    void acknowledged() {
        lastAckMillis = System.currentTimeMillis();
    }

    /** A flush succeeded: says the broker is back if it was not. */
    void flushed() {
        if (downSinceMillis >= 0) {
            long now = System.currentTimeMillis();
            note("broker " + settings.bootstrap() + " reachable again after "
                    + String.format(Locale.ROOT, "%.1f", (now - downSinceMillis) / 1000.0) + " s");
            downSinceMillis = -1;
            problem = null;
        }
    }

    /**
     * A flush failed with {@code e}: noted once per outage (and once per other problem); returns
     * the exception the drainer recovers from (its message masked, no cause: nothing to print).
     */
    IOException failed(Exception e) {
        String reason = settings.maskSecrets(InternalLog.describe(e));
        boolean outage = isOutage(e);
        if (downSinceMillis < 0) {
            downSinceMillis = lastAckMillis;
        }
        String what = outage ? "unreachable" : reason;
        if (!what.equals(problem)) {
            problem = what;
            note(outage
                    ? "broker " + settings.bootstrap() + " unreachable since "
                    + SINCE.format(Instant.ofEpochMilli(downSinceMillis)) + " (retrying); records wait in the queue dir"
                    : "cannot ship to " + describe + ": " + reason + " (retrying); records wait in the queue dir");
        }
        return new IOException("cannot ship to " + describe + ": " + reason);
    }

    /** True if {@code e} (or a cause) says the broker did not answer: a timeout, a lost connection. */
    private static boolean isOutage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RetriableException) {
                return true;
            }
        }
        return false;
    }

    /** One line on stderr. */
    static void note(String line) {
        System.err.println("applog ship: " + line);
    }
}
