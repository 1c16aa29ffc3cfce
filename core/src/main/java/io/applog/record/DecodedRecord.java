package io.applog.record;

import io.applog.Level;

/**
 * One LOG record as the drainer reads it back: raw fields only, decoded into reusable
 * buffers. Nothing in it is interpreted; arguments are already text.
 *
 * <p>Instances are mutable and reused record after record by one reading thread.
 */
public final class DecodedRecord {
    /** Chronicle index of the record in its writer's queue. */
    public long index;
    /** Epoch nanoseconds, taken by the writer after it acquired the document. */
    public long timestampNanos;
    public Level level = Level.INFO;
    /** Process name from the writer's HELLO record. */
    public String process = "";
    public long pid;
    /** Host name from the writer's HELLO record; empty if unknown. */
    public String host = "";
    public final StringBuilder thread = new StringBuilder(32);
    public final StringBuilder logger = new StringBuilder(64);
    /** The message template; {@code hasTemplate} is false for a null template. */
    public final StringBuilder template = new StringBuilder(128);
    public boolean hasTemplate;
    /** Arguments rendered as text at call time, {@code argCount} of them valid. */
    public StringBuilder[] args = newBuilders(4);
    public int argCount;
    /** The throwable rendered with causes and suppressed; valid when {@code hasThrowable}. */
    public final StringBuilder throwable = new StringBuilder(0);
    public boolean hasThrowable;
    /** MDC entries: keys and values, {@code mdcCount} of each valid. */
    public StringBuilder[] mdcKeys = newBuilders(0);
    public StringBuilder[] mdcValues = newBuilders(0);
    public int mdcCount;
    /** Key-value pairs of the fluent API, {@code kvCount} of each valid. */
    public StringBuilder[] kvKeys = newBuilders(0);
    public StringBuilder[] kvValues = newBuilders(0);
    public int kvCount;
    /**
     * Thread, logger, template and arguments as bytes, valid when {@code isPlain}: then the char
     * buffers above are empty. Only a decoder asked for plain text sets it.
     */
    public final PlainFields plain = new PlainFields();
    public boolean isPlain;

    /**
     * Moves a plain record's fields into the char buffers (as the decoder would have put them:
     * arguments are already text), for a reader that wants chars; nothing if not plain.
     */
    public void decodePlain() {
        if (!isPlain) {
            return;
        }
        final PlainFields f = plain;
        ascii(f, PlainFields.THREAD, thread);
        ascii(f, PlainFields.LOGGER, logger);
        ascii(f, PlainFields.TEMPLATE, template);
        hasTemplate = true;
        final int argc = f.argCount();
        for (int i = 0; i < argc; i++) {
            ascii(f, PlainFields.FIRST_ARG + i, arg(i));
        }
        argCount = argc;
        isPlain = false;
    }

    private static void ascii(PlainFields f, int field, StringBuilder out) {
        out.setLength(0);
        final byte[] b = f.bytes();
        for (int i = f.start(field), end = f.end(field); i < end; i++) {
            out.append((char) b[i]);
        }
    }

    /** Empties the char buffers (the record is in {@link #plain}). */
    void clearText() {
        thread.setLength(0);
        logger.setLength(0);
        template.setLength(0);
        hasTemplate = false;
        argCount = 0;
        throwable.setLength(0);
        hasThrowable = false;
        mdcCount = 0;
        kvCount = 0;
    }

    /** Returns the argument buffer {@code i}, growing the array as needed, emptied. */
    public StringBuilder arg(int i) {
        if (i >= args.length) {
            args = grow(args, i + 1);
        }
        StringBuilder sb = args[i];
        sb.setLength(0);
        return sb;
    }

    public StringBuilder mdcKey(int i) {
        if (i >= mdcKeys.length) {
            mdcKeys = grow(mdcKeys, i + 1);
            mdcValues = grow(mdcValues, i + 1);
        }
        mdcKeys[i].setLength(0);
        mdcValues[i].setLength(0);
        return mdcKeys[i];
    }

    public StringBuilder kvKey(int i) {
        if (i >= kvKeys.length) {
            kvKeys = grow(kvKeys, i + 1);
            kvValues = grow(kvValues, i + 1);
        }
        kvKeys[i].setLength(0);
        kvValues[i].setLength(0);
        return kvKeys[i];
    }

    private static StringBuilder[] newBuilders(int n) {
        return grow(new StringBuilder[0], n);
    }

    private static StringBuilder[] grow(StringBuilder[] old, int min) {
        StringBuilder[] next = new StringBuilder[Math.max(min, old.length * 2)];
        System.arraycopy(old, 0, next, 0, old.length);
        for (int i = old.length; i < next.length; i++) {
            next[i] = new StringBuilder(16);
        }
        return next;
    }
}
