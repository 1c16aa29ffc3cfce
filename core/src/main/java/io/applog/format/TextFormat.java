package io.applog.format;

import io.applog.record.LogEvent;

import java.time.ZoneId;

/**
 * One line per record:
 *
 * <pre>
 * 2026-11-25 05:07:12.345678 INFO  worker-2[4242] [main] demo.Worker - message text
 * </pre>
 *
 * <p>Local time, padded level, process name and pid, thread, logger and the message with its
 * placeholders filled. A throwable follows on continuation lines. Every continuation line,
 * from a multi-line message or a stack trace, starts with TAB, so only the first line of a
 * record starts with a timestamp. MDC and key-value pairs are not shown.
 *
 * <p>Not thread-safe: use one instance per thread.
 */
public final class TextFormat implements RecordFormat {
    private static final String NULL_MESSAGE = "null";
    private static final int INITIAL_CAPACITY = 256;
    private static final int MAX_RETAINED_CAPACITY = 1 << 16;

    private final TimestampFormat timestamps;
    private StringBuilder message = new StringBuilder(INITIAL_CAPACITY);

    /** Creates a text format that writes times in {@code zone}. */
    public TextFormat(ZoneId zone) {
        this.timestamps = new TimestampFormat(zone);
    }

    @Override
    public void format(LogEvent event, StringBuilder out) {
        timestamps.appendLocal(event.timestampNanos, out);
        out.append(' ').append(event.level.padded()).append(' ');
        TextEscaper.appendField(event.process == null ? "" : event.process, out);
        out.append('[').append(event.pid).append("] [");
        TextEscaper.appendField(event.thread, out);
        out.append("] ");
        TextEscaper.appendField(event.logger, out);
        out.append(" - ");
        if (event.hasTemplate) {
            message.setLength(0);
            MessageFormatter.format(event.template, event.args, event.argCount, message);
            TextEscaper.appendMultiline(message, out);
        } else {
            out.append(NULL_MESSAGE);
        }
        if (event.hasThrowable) {
            final StringBuilder throwable = event.throwable;
            out.append('\n').append('\t');
            TextEscaper.appendMultiline(throwable, 0, trimmedLength(throwable), out);
        }
        out.append('\n');
        if (message.capacity() > MAX_RETAINED_CAPACITY) {
            message = new StringBuilder(INITIAL_CAPACITY);
        }
    }

    /** Length of {@code s} without its trailing CR and LF characters. */
    static int trimmedLength(CharSequence s) {
        int end = s.length();
        while (end > 0) {
            final char c = s.charAt(end - 1);
            if (c != '\n' && c != '\r') {
                break;
            }
            end--;
        }
        return end;
    }
}
