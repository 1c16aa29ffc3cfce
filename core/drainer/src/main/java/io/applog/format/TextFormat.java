package io.applog.format;

import io.applog.internal.TextEscaper;
import io.applog.Level;
import io.applog.record.DecodedRecord;
import io.applog.record.PlainFields;

import java.nio.charset.StandardCharsets;
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

    /** Bytes of a line besides process tag and plain fields: time, level, separators, newline. */
    private static final int FIXED_BYTES = TimestampFormat.LOCAL_BYTES + 16;
    private static final byte[][] LEVELS = levels();
    private static final int TAG_CACHE = 16;

    private final TimestampFormat timestamps;
    private StringBuilder message = new StringBuilder(INITIAL_CAPACITY);
    private final String[] tagProcess = new String[TAG_CACHE];
    private final long[] tagPid = new long[TAG_CACHE];
    private final byte[][] tags = new byte[TAG_CACHE][];
    private int nextTag;

    private static byte[][] levels() {
        final Level[] all = Level.values();
        final byte[][] bytes = new byte[all.length][];
        for (Level l : all) {
            bytes[l.ordinal()] = l.padded().getBytes(StandardCharsets.US_ASCII);
        }
        return bytes;
    }

    /** Creates a text format that writes times in {@code zone}. */
    public TextFormat(ZoneId zone) {
        this.timestamps = new TimestampFormat(zone);
    }

    @Override
    public void format(DecodedRecord event, StringBuilder out) {
        event.decodePlain();
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
            Placeholders.fill(event.template, event.args, event.argCount, message);
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

    @Override
    public boolean writesPlainBytes() {
        return true;
    }

    @Override
    public int maxBytes(DecodedRecord event) {
        // filling placeholders never makes a message longer than its template and arguments
        return event.isPlain ? FIXED_BYTES + processTag(event).length + event.plain.length() : -1;
    }

    @Override
    public int formatBytes(DecodedRecord event, byte[] out, int at) {
        final PlainFields f = event.plain;
        final byte[] b = f.bytes();
        int p = timestamps.putLocal(event.timestampNanos, out, at);
        out[p++] = ' ';
        final byte[] level = LEVELS[event.level.ordinal()];
        System.arraycopy(level, 0, out, p, level.length);
        p += level.length;
        out[p++] = ' ';
        final byte[] tag = processTag(event);
        System.arraycopy(tag, 0, out, p, tag.length);
        p += tag.length;
        p = copy(f, PlainFields.THREAD, out, p);
        out[p++] = ']';
        out[p++] = ' ';
        p = copy(f, PlainFields.LOGGER, out, p);
        out[p++] = ' ';
        out[p++] = '-';
        out[p++] = ' ';
        p = Placeholders.fill(f, out, p);
        out[p++] = '\n';
        return p;
    }

    private static int copy(PlainFields f, int field, byte[] out, int at) {
        final int start = f.start(field);
        final int n = f.end(field) - start;
        System.arraycopy(f.bytes(), start, out, at, n);
        return at + n;
    }

    /**
     * {@code process[pid] [} as UTF-8, escaped, from a small cache: a drainer sees the same few
     * writers record after record.
     */
    private byte[] processTag(DecodedRecord event) {
        final String process = event.process;
        final long pid = event.pid;
        for (int i = 0; i < TAG_CACHE; i++) {
            if (tagProcess[i] == process && tagPid[i] == pid && tags[i] != null) {
                return tags[i];
            }
        }
        final StringBuilder sb = new StringBuilder(32);
        TextEscaper.appendField(process == null ? "" : process, sb);
        sb.append('[').append(pid).append("] [");
        // the escaper left no lone surrogate, so the JDK's encoder is exact here
        final byte[] tag = sb.toString().getBytes(StandardCharsets.UTF_8);
        final int slot = nextTag;
        nextTag = (nextTag + 1) % TAG_CACHE;
        tagProcess[slot] = process;
        tagPid[slot] = pid;
        tags[slot] = tag;
        return tag;
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
