package io.applog.internal;

/**
 * Appends caller-supplied text with everything that could disturb a log line made visible.
 *
 * <p>Control characters other than TAB (U+0000..U+001F), DEL, the C1 controls
 * (U+0080..U+009F), the line and paragraph separators U+2028 and U+2029, the bidi controls
 * U+200E, U+200F, U+202A..U+202E and U+2066..U+2069, and U+FEFF are written as a backslash,
 * {@code u} and four upper-case hex digits (ESC becomes {@code \u005Cu001B}).
 * Unpaired surrogates become U+FFFD; valid pairs pass through.
 */
public final class TextEscaper {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    private static final char REPLACEMENT = '\uFFFD';

    private TextEscaper() {
    }

    /** Appends a single-line field (thread, logger, process name). */
    public static void appendField(CharSequence in, StringBuilder out) {
        append(in, 0, in.length(), out, false);
    }

    /** Appends chars {@code start} (inclusive) to {@code end} (exclusive) of a single-line field. */
    public static void appendField(CharSequence in, int start, int end, StringBuilder out) {
        append(in, start, end, out, false);
    }

    /**
     * Appends multi-line text (message, stack trace): as {@link #appendField(CharSequence, StringBuilder)},
     * except that each LF or CRLF becomes LF followed by TAB, so every further physical line starts
     * with TAB. A lone CR is escaped.
     */
    public static void appendMultiline(CharSequence in, StringBuilder out) {
        append(in, 0, in.length(), out, true);
    }

    /** Appends chars {@code start} (inclusive) to {@code end} (exclusive) of multi-line text. */
    public static void appendMultiline(CharSequence in, int start, int end, StringBuilder out) {
        append(in, start, end, out, true);
    }

    /** True for a char that is never written raw; surrogates are handled apart. */
    public static boolean needsEscape(char c) {
        if (c < 0x20) {
            return c != '\t';
        }
        if (c < 0x7F) {
            return false;
        }
        if (c <= 0x9F) {
            return true;
        }
        if (c < 0x200E) {
            return false;
        }
        return c <= 0x200F
                || (c >= 0x2028 && c <= 0x202E)
                || (c >= 0x2066 && c <= 0x2069)
                || c == 0xFEFF;
    }

    private static void append(CharSequence in, int start, int end, StringBuilder out, boolean multiline) {
        int plain = start;
        while (plain < end) {
            final char c = in.charAt(plain);
            if ((c >= 0x20 && c < 0x7F) || c == '\t') {
                plain++;
            } else {
                break;
            }
        }
        if (plain > start) {
            if (start == 0 && plain == in.length()) {
                out.append(in); // bulk copy: the common case of a field with nothing to escape
                return;
            }
            out.append(in, start, plain);
        }
        for (int i = plain; i < end; i++) {
            final char c = in.charAt(i);
            if ((c >= 0x20 && c < 0x7F) || c == '\t') {
                out.append(c);
            } else if (multiline && c == '\n') {
                out.append('\n').append('\t');
            } else if (multiline && c == '\r' && i + 1 < end && in.charAt(i + 1) == '\n') {
                out.append('\n').append('\t');
                i++;
            } else if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(in.charAt(i + 1))) {
                    out.append(c).append(in.charAt(i + 1));
                    i++;
                } else {
                    out.append(REPLACEMENT);
                }
            } else if (needsEscape(c)) {
                appendUnicodeEscape(c, out);
            } else {
                out.append(c);
            }
        }
    }

    public static void appendUnicodeEscape(char c, StringBuilder out) {
        out.append('\\').append('u')
                .append(HEX[(c >> 12) & 0xF])
                .append(HEX[(c >> 8) & 0xF])
                .append(HEX[(c >> 4) & 0xF])
                .append(HEX[c & 0xF]);
    }
}
