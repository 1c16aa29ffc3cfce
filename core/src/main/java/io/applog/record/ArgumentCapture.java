package io.applog.record;

import io.applog.internal.InternalLog;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;

/**
 * Captures arguments at call time, in the caller's thread: strings and boxed primitives by
 * value, everything else as its {@code toString()} now, so a later mutation cannot change
 * the log. A {@code toString()} that throws becomes a visible placeholder; one that logs
 * through applog itself is rendered at most {@link #MAX_DEPTH} levels deep.
 */
final class ArgumentCapture {
    static final int MAX_DEPTH = 2;
    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    private ArgumentCapture() {
    }

    /** The value itself when it is immutable and encodable as is, else its text. */
    static Object capture(Object value) {
        if (value == null || value instanceof String || value instanceof Integer
                || value instanceof Long || value instanceof Double || value instanceof Boolean
                || value instanceof Float || value instanceof Character
                || value instanceof Byte || value instanceof Short) {
            return value;
        }
        return render(value);
    }

    private static String render(Object value) {
        int[] depth = DEPTH.get();
        if (depth[0] >= MAX_DEPTH) {
            return "[" + value.getClass().getName() + ": toString() logs recursively]";
        }
        depth[0]++;
        try {
            if (value.getClass().isArray()) {
                return arrayText(value);
            }
            return String.valueOf(value.toString());
        } catch (Throwable t) {
            return "[" + value.getClass().getName() + ".toString() threw "
                    + InternalLog.describe(t) + "]";
        } finally {
            depth[0]--;
        }
    }

    private static String arrayText(Object array) {
        if (array instanceof Object[]) {
            return Arrays.deepToString((Object[]) array);
        } else if (array instanceof int[]) {
            return Arrays.toString((int[]) array);
        } else if (array instanceof long[]) {
            return Arrays.toString((long[]) array);
        } else if (array instanceof byte[]) {
            return Arrays.toString((byte[]) array);
        } else if (array instanceof double[]) {
            return Arrays.toString((double[]) array);
        } else if (array instanceof char[]) {
            return Arrays.toString((char[]) array);
        } else if (array instanceof short[]) {
            return Arrays.toString((short[]) array);
        } else if (array instanceof float[]) {
            return Arrays.toString((float[]) array);
        }
        return Arrays.toString((boolean[]) array);
    }

    /**
     * A throwable rendered like {@code printStackTrace()}: causes, suppressed, cycle-safe.
     * A throwable whose own methods throw is rendered by class name and frames.
     */
    static String throwableText(Throwable t) {
        if (t == null) {
            return null;
        }
        int[] depth = DEPTH.get();
        depth[0]++;
        try {
            StringWriter out = new StringWriter(512);
            try (PrintWriter pw = new PrintWriter(out)) {
                t.printStackTrace(pw);
            }
            return out.toString();
        } catch (Throwable failure) {
            StringBuilder sb = new StringBuilder(t.getClass().getName())
                    .append(" [rendering failed: ").append(InternalLog.describe(failure)).append(']');
            try {
                for (StackTraceElement e : t.getStackTrace()) {
                    sb.append("\n\tat ").append(e);
                }
            } catch (Throwable ignored) {
                // frames unavailable: the class name stands alone
            }
            return sb.toString();
        } finally {
            depth[0]--;
        }
    }
}
