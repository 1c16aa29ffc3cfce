package io.applog.bridge;

import java.util.Map;

/**
 * The current thread's diagnostic context (SLF4J's MDC), shared by every bridge of the
 * process: an unmodifiable map replaced as a whole on every change, so a record captures it by
 * taking the reference, and nothing a thread does later changes a record already taken.
 */
public final class ThreadContext {
    private static final ThreadLocal<Map<String, String>> CONTEXT = new ThreadLocal<>();

    private ThreadContext() {
    }

    /** The current thread's context as an unmodifiable map, or null when it is empty. */
    public static Map<String, String> current() {
        return CONTEXT.get();
    }

    /** Installs {@code unmodifiable} as the current thread's context (the caller never changes it again). */
    public static void set(Map<String, String> unmodifiable) {
        CONTEXT.set(unmodifiable);
    }

    /** Empties the current thread's context. */
    public static void clear() {
        CONTEXT.remove();
    }
}
