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
    private final boolean plainText;
    private final boolean plainWithoutContext;
    private byte kind;
    private long timestampNanos;
    private byte level;
    private final StringBuilder scratch = new StringBuilder(64);
    private final byte[] asciiBytes = new byte[4096];
    private final char[] asciiChars = new char[4096];

    /** A decoder that reads LOG records into the event's char buffers. */
    public RecordDecoder() {
        this(false, false);
    }

    /**
     * A decoder that, with {@code plainText}, keeps a LOG record whose text is plain ASCII as
     * bytes ({@link DecodedRecord#plain}) instead of decoding it to chars; with {@code keepContext},
     * a record with MDC entries or key-values is never plain (its reader shows them).
     */
    public RecordDecoder(boolean plainText, boolean keepContext) {
        this.plainText = plainText;
        this.plainWithoutContext = keepContext;
    }

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

    /** The level byte of the header read last: a LOG record's level code, a GOODBYE's flags. */
    public byte levelByte() {
        return level;
    }

    public WriterHello hello(Bytes<?> bytes) {
        byte version = bytes.readByte();
        if (version > LAYOUT_VERSION) {
            throw new IllegalStateException("record format " + version + " is newer than "
                    + LAYOUT_VERSION);
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

    /**
     * Reads the body of a LOG record into {@code event} (header fields included): into
     * {@link DecodedRecord#plain} when this decoder keeps plain text and the record is plain (then
     * {@link DecodedRecord#isPlain} is set and the char buffers are empty), else into the char buffers.
     */
    public void log(Bytes<?> bytes, DecodedRecord event) {
        log(bytes, event, null);
    }

    /**
     * Reads the body of a LOG record of either layout, as {@link #log(Bytes, DecodedRecord)}:
     * a {@link RecordLayout#KIND_LOG} record's string ids through {@code strings}, the table of
     * its writer queue (already {@linkplain StringTable#enter entered} at the record's index),
     * a {@link RecordLayout#KIND_LOG_V1} record's strings in full when {@code strings} is null.
     * An id not defined in its block is read as {@link RecordLayout#unknownString}, and counted
     * by the table.
     */
    public void log(Bytes<?> bytes, DecodedRecord event, StringTable strings) {
        event.timestampNanos = timestampNanos;
        event.level = Level.fromCode(level);
        event.isPlain = false;
        if (plainText) {
            final long body = bytes.readPosition();
            if (plain(bytes, event.plain, strings)) {
                event.isPlain = true;
                event.clearText();
                return;
            }
            bytes.readPosition(body);
        }
        event.thread.setLength(0);
        event.logger.setLength(0);
        event.template.setLength(0);
        event.throwable.setLength(0);
        if (strings == null) {
            readInto(bytes, event.thread);
            readInto(bytes, event.logger);
            event.hasTemplate = readInto(bytes, event.template);
        } else {
            refInto(bytes, strings, event.thread);
            refInto(bytes, strings, event.logger);
            event.hasTemplate = refInto(bytes, strings, event.template);
        }
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

    /**
     * Reads a LOG body into {@code out} if thread, logger, template and every argument are plain
     * ASCII and there is no throwable; MDC and key-values are checked and skipped (unless they
     * must be kept: then their presence makes the record not plain). False as soon as something
     * is not plain.
     */
    private boolean plain(Bytes<?> bytes, PlainFields out, StringTable strings) {
        out.clear();
        if (strings == null) {
            if (!plainString(bytes, out) || !plainString(bytes, out) || !plainString(bytes, out)) {
                return false;
            }
        } else if (!plainRef(bytes, strings, out) || !plainRef(bytes, strings, out) || !plainRef(bytes, strings, out)) {
            return false;
        }
        final int argc = count(bytes);
        for (int i = 0; i < argc; i++) {
            if (!plainArg(bytes, out)) {
                return false;
            }
        }
        if (bytes.readStopBit() >= 0) {
            return false; // a throwable: its lines go through the escaper
        }
        final int mdc = count(bytes);
        if (mdc > 0 && plainWithoutContext) {
            return false;
        }
        for (int i = 0; i < mdc; i++) {
            skipString(bytes);
            skipString(bytes);
        }
        final int kv = count(bytes);
        if (kv > 0 && plainWithoutContext) {
            return false;
        }
        for (int i = 0; i < kv; i++) {
            skipString(bytes);
            skipArg(bytes);
        }
        return true;
    }

    private static void skipArg(Bytes<?> bytes) {
        final byte tag = bytes.readByte();
        switch (tag) {
            case ARG_STRING: skipString(bytes); return;
            case ARG_NULL: return;
            case ARG_BOOLEAN: case ARG_BYTE: bytes.readSkip(1); return;
            case ARG_CHAR: case ARG_SHORT: bytes.readSkip(2); return;
            case ARG_INT: case ARG_FLOAT: bytes.readSkip(4); return;
            case ARG_LONG: case ARG_DOUBLE: bytes.readSkip(8); return;
            default: throw new IllegalStateException("unknown argument tag " + tag);
        }
    }

    /** Copies a string field that is plain ASCII into {@code out}; false for anything else or null. */
    private static boolean plainString(Bytes<?> bytes, PlainFields out) {
        final long len = bytes.readStopBit();
        if (len < 0 || len > bytes.readRemaining() || !out.reserve((int) len)) {
            return false;
        }
        final int start = out.position();
        final int end = start + (int) len;
        final byte[] b = out.bytes();
        bytes.read(b, start, (int) len);
        for (int i = start; i < end; i++) {
            final int c = b[i];
            // bytes of 0x80 and above are negative: they fail the first test like C0 controls
            if (c < 0x20 ? c != '\t' : c == 0x7F) {
                return false;
            }
        }
        out.endField(start, end);
        return true;
    }

    /**
     * Copies the string a {@code ref} names into {@code out} if it is plain ASCII (known from
     * its definition: nothing to check again); false for anything else, null or unknown.
     */
    private static boolean plainRef(Bytes<?> bytes, StringTable strings, PlainFields out) {
        final int id = strings.read(bytes);
        if (!strings.defined(id) || !strings.plain(id)) {
            return false;
        }
        final byte[] b = strings.bytes(id);
        final int n = b.length;
        if (!out.reserve(n)) {
            return false;
        }
        final int start = out.position();
        System.arraycopy(b, 0, out.bytes(), start, n);
        out.endField(start, start + n);
        return true;
    }

    /** Reads a {@code ref} into {@code out}; false for null. */
    private static boolean refInto(Bytes<?> bytes, StringTable strings, StringBuilder out) {
        final int id = strings.read(bytes);
        if (id == NULL_STRING) {
            return false;
        }
        out.append(strings.defined(id) ? strings.string(id) : strings.unknown(id));
        return true;
    }

    private boolean plainArg(Bytes<?> bytes, PlainFields out) {
        final byte tag = bytes.readByte();
        switch (tag) {
            case ARG_STRING: return plainString(bytes, out);
            case ARG_NULL: return ascii("null", out);
            case ARG_INT: return out.addLong(bytes.readInt());
            case ARG_LONG: return out.addLong(bytes.readLong());
            case ARG_BYTE: return out.addLong(bytes.readByte());
            case ARG_SHORT: return out.addLong(bytes.readShort());
            case ARG_BOOLEAN: return ascii(bytes.readByte() != 0 ? "true" : "false", out);
            case ARG_DOUBLE: return ascii(Double.toString(bytes.readDouble()), out);
            case ARG_FLOAT: return ascii(Float.toString(bytes.readFloat()), out);
            case ARG_CHAR: {
                final int c = bytes.readUnsignedShort();
                return (c >= 0x20 && c < 0x7F || c == '\t') && ascii(String.valueOf((char) c), out);
            }
            default: throw new IllegalStateException("unknown argument tag " + tag);
        }
    }

    private static boolean ascii(String s, PlainFields out) {
        if (!out.reserve(s.length())) {
            return false;
        }
        out.addAscii(s);
        return true;
    }

    private static void skipString(Bytes<?> bytes) {
        final long len = bytes.readStopBit();
        if (len > bytes.readRemaining()) {
            throw new IllegalStateException("string field of " + len + " bytes in a record of "
                    + bytes.readRemaining() + " more");
        }
        if (len > 0) {
            bytes.readSkip(len);
        }
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
        if (len > bytes.readRemaining()) {
            throw new IllegalStateException("a text field of " + len + " bytes in a record of "
                    + bytes.readRemaining() + " more");
        }
        if (len <= asciiBytes.length) {
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
