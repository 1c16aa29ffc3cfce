package io.applog.record;

import io.applog.Level;
import net.openhft.chronicle.bytes.Bytes;

import static io.applog.record.RecordLayout.*;

/**
 * Reads records back as raw fields. It never deserialises a typed object: strings, numbers
 * and the tags of {@link RecordLayout} only. A malformed record raises
 * {@link IllegalStateException} naming what was wrong; the caller decides what to skip.
 * One instance per reading thread.
 */
public final class RecordDecoder {
    private byte kind;
    private long timestampNanos;
    private byte level;
    private final StringBuilder scratch = new StringBuilder(64);
    private final byte[] asciiBytes = new byte[4096];
    private final char[] asciiChars = new char[4096];

    /** Reads the header; returns the kind (one of the {@code KIND_*} bytes). */
    public byte header(Bytes<?> bytes) {
        if (bytes.readRemaining() < HEADER_LENGTH) {
            throw new IllegalStateException("record shorter than its header: "
                    + bytes.readRemaining() + " bytes");
        }
        kind = bytes.readByte();
        level = bytes.readByte();
        timestampNanos = bytes.readLong();
        return kind;
    }

    public long timestampNanos() {
        return timestampNanos;
    }

    public WriterHello hello(Bytes<?> bytes) {
        byte version = bytes.readByte();
        if (version > FORMAT_VERSION) {
            throw new IllegalStateException("record format " + version + " is newer than "
                    + FORMAT_VERSION);
        }
        String process = readString(bytes);
        long pid = bytes.readStopBit();
        long start = bytes.readStopBit();
        String host = readString(bytes);
        String pidNamespace = readString(bytes);
        String applogVersion = readString(bytes);
        return new WriterHello(process == null ? "?" : process, pid, start,
                host == null ? "" : host, pidNamespace == null ? "" : pidNamespace,
                applogVersion == null ? "" : applogVersion);
    }

    /** Reads the dropped-records counter of a HEARTBEAT or GOODBYE record. */
    public long counter(Bytes<?> bytes) {
        return bytes.readRemaining() > 0 ? bytes.readStopBit() : 0;
    }

    /** Reads the body of a LOG record into {@code event} (header fields included). */
    public void log(Bytes<?> bytes, LogEvent event) {
        event.timestampNanos = timestampNanos;
        event.level = Level.fromCode(level);
        event.thread.setLength(0);
        event.logger.setLength(0);
        event.template.setLength(0);
        event.throwable.setLength(0);
        readInto(bytes, event.thread);
        readInto(bytes, event.logger);
        event.hasTemplate = readInto(bytes, event.template);
        int argc = count(bytes);
        for (int i = 0; i < argc; i++) {
            arg(bytes, event.arg(i));
        }
        event.argCount = argc;
        event.hasThrowable = readInto(bytes, event.throwable);
        int mdc = count(bytes);
        for (int i = 0; i < mdc; i++) {
            readInto(bytes, event.mdcKey(i));
            readInto(bytes, event.mdcValues[i]);
        }
        event.mdcCount = mdc;
        int kv = count(bytes);
        for (int i = 0; i < kv; i++) {
            readInto(bytes, event.kvKey(i));
            arg(bytes, event.kvValues[i]);
        }
        event.kvCount = kv;
    }

    private int count(Bytes<?> bytes) {
        long n = bytes.readStopBit();
        if (n < 0 || n > bytes.readRemaining()) {
            throw new IllegalStateException("bad field count " + n);
        }
        return (int) n;
    }

    /**
     * Reads a string field into {@code out}: an ASCII one with one bulk copy, anything else
     * through Chronicle's UTF-8 reader. False for a null field.
     */
    private boolean readInto(Bytes<?> bytes, StringBuilder out) {
        out.setLength(0);
        final long start = bytes.readPosition();
        final long len = bytes.readStopBit();
        if (len < 0) {
            return false;
        }
        if (len <= asciiBytes.length && len <= bytes.readRemaining()) {
            final int n = (int) len;
            final byte[] in = asciiBytes;
            final char[] chars = asciiChars;
            bytes.read(in, 0, n);
            int i = 0;
            while (i < n && in[i] >= 0) {
                chars[i] = (char) in[i];
                i++;
            }
            if (i == n) {
                out.append(chars, 0, n);
                return true;
            }
        }
        bytes.readPosition(start);
        return bytes.readUtf8(out);
    }

    private String readString(Bytes<?> bytes) {
        return readInto(bytes, scratch) ? scratch.toString() : null;
    }

    private void arg(Bytes<?> bytes, StringBuilder out) {
        byte tag = bytes.readByte();
        switch (tag) {
            case ARG_STRING: readInto(bytes, out); break;
            case ARG_NULL: out.append("null"); break;
            case ARG_INT: out.append(bytes.readInt()); break;
            case ARG_LONG: out.append(bytes.readLong()); break;
            case ARG_DOUBLE: out.append(bytes.readDouble()); break;
            case ARG_FLOAT: out.append(bytes.readFloat()); break;
            case ARG_BOOLEAN: out.append(bytes.readByte() != 0); break;
            case ARG_CHAR: out.append((char) bytes.readUnsignedShort()); break;
            case ARG_BYTE: out.append(bytes.readByte()); break;
            case ARG_SHORT: out.append(bytes.readShort()); break;
            default: throw new IllegalStateException("unknown argument tag " + tag);
        }
    }
}
