package io.applog.format;

import io.applog.internal.TextEscaper;
import io.applog.record.DecodedRecord;

/**
 * {@code %ex}: the record's throwable as {@code printStackTrace} gave it, on continuation lines
 * of its own (a line break first unless one was just written; every line starts with TAB).
 * {@code %ex{short}} keeps one frame of each throwable, {@code %ex{N}} N frames, as Logback
 * does: the {@code Type: message} lines of the throwable, its causes and suppressed ones stay,
 * {@code at ...} lines beyond N and {@code ... N more} lines go. A pattern without {@code %ex}
 * (or {@code %nopex}) has one at its end, as in Logback.
 */
final class ThrowableToken implements PatternToken {
    /** Every frame. */
    static final int ALL = Integer.MAX_VALUE;

    private final int frames;

    ThrowableToken(int frames) {
        this.frames = frames;
    }

    @Override
    public void render(DecodedRecord record, StringBuilder out) {
        if (!record.hasThrowable) {
            return;
        }
        final StringBuilder t = record.throwable;
        final int end = TextFormat.trimmedLength(t);
        if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
            out.append('\n');
        }
        out.append('\t');
        if (frames == ALL) {
            TextEscaper.appendMultiline(t, 0, end, out);
            return;
        }
        int kept = 0;
        int framesOfThis = 0;
        int line = 0;
        while (line < end) {
            int lineEnd = line;
            while (lineEnd < end && t.charAt(lineEnd) != '\n') {
                lineEnd++;
            }
            final int next = lineEnd + 1;
            if (lineEnd > line && t.charAt(lineEnd - 1) == '\r') {
                lineEnd--;
            }
            final int kind = StackTraceLines.kind(t, line, lineEnd);
            if (kind == StackTraceLines.TEXT) {
                framesOfThis = 0;
            }
            if (kind == StackTraceLines.TEXT || (kind == StackTraceLines.FRAME && framesOfThis++ < frames)) {
                if (kept++ > 0) {
                    out.append('\n').append('\t');
                }
                TextEscaper.appendMultiline(t, line, lineEnd, out);
            }
            line = next;
        }
    }
}
