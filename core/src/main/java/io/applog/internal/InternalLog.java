package io.applog.internal;

import java.util.concurrent.atomic.AtomicLong;

/**
 * applog's own diagnostics: one line on {@code System.err} with the prefix {@code applog: },
 * never back into a queue. Repeated warnings of one kind are limited to one per interval.
 */
public final class InternalLog {
    public static final String PREFIX = "applog: ";
    private static final long REPEAT_NANOS = 10_000_000_000L;
    private static final AtomicLong LAST_REPEATED = new AtomicLong(System.nanoTime() - REPEAT_NANOS);

    private InternalLog() {
    }

    public static void warn(String message) {
        System.err.println(PREFIX + message);
    }

    /** Like {@link #warn(String)}, but at most once every ten seconds for the whole process. */
    public static void warnLimited(String message) {
        long now = System.nanoTime();
        long last = LAST_REPEATED.get();
        if (now - last >= REPEAT_NANOS && LAST_REPEATED.compareAndSet(last, now)) {
            warn(message);
        }
    }

    /** {@code Class: message} of a throwable, never throwing itself. */
    public static String describe(Throwable t) {
        String msg;
        try {
            msg = t.getMessage();
        } catch (RuntimeException e) {
            msg = null;
        }
        return msg == null ? t.getClass().getName() : t.getClass().getName() + ": " + msg;
    }
}
