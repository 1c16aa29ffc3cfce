package io.applog.format;

/**
 * Reads a throwable as the writer rendered it ({@code printStackTrace}): which lines are frames
 * ({@code at ...}), which say how many frames were left out ({@code ... 3 more}), and which begin
 * a throwable ({@code Type: message}, {@code Caused by: ...}, {@code Suppressed: ...}).
 */
final class StackTraceLines {
    /** A line that is not a frame nor a count of left-out frames: a throwable's own text. */
    static final int TEXT = 0;
    /** {@code at demo.Worker.run(Worker.java:10)}. */
    static final int FRAME = 1;
    /** {@code ... 3 more}. */
    static final int MORE = 2;

    private StackTraceLines() {
    }

    /** End of the line that starts at {@code from}: the next CR or LF, or {@code end}. */
    static int lineEnd(CharSequence t, int from, int end) {
        int i = from;
        while (i < end && t.charAt(i) != '\n' && t.charAt(i) != '\r') {
            i++;
        }
        return i;
    }

    /** {@link #TEXT}, {@link #FRAME} or {@link #MORE}, for the line from {@code start} to {@code end}. */
    static int kind(CharSequence t, int start, int end) {
        final int text = firstNonBlank(t, start, end);
        if (startsWith(t, text, end, "at ")) {
            return FRAME;
        }
        return startsWith(t, text, end, "... ") ? MORE : TEXT;
    }

    /** Whether the line from {@code start} to {@code end} begins a cause or a suppressed throwable. */
    static boolean beginsThrowable(CharSequence t, int start, int end) {
        final int text = firstNonBlank(t, start, end);
        return startsWith(t, text, end, "Caused by: ") || startsWith(t, text, end, "Suppressed: ");
    }

    private static int firstNonBlank(CharSequence s, int from, int end) {
        int i = from;
        while (i < end && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    private static boolean startsWith(CharSequence s, int from, int end, String prefix) {
        if (end - from < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (s.charAt(from + i) != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
