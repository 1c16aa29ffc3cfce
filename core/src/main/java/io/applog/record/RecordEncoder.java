package io.applog.record;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.RollCycle;

import java.util.Map;
import java.util.function.BiConsumer;

import static io.applog.record.RecordLayout.*;

/**
 * Writes records into the bytes of an acquired document. A LOG record's body comes from a
 * {@link MutableRecord} whose arguments are captured: only strings and boxed primitives reach here.
 * Order of calls per record: {@link #header}, the body, {@link #timestamp}.
 * One instance per writer queue, used under the writer's lock: it keeps the queue's string ids.
 */
public final class RecordEncoder {
    private static final int ASCII_SCRATCH = 4096;
    private int budget;
    private final StringBuilder cut = new StringBuilder();
    private final byte[] ascii = new byte[ASCII_SCRATCH];

    private long start;
    private final MdcWriter mdcWriter = new MdcWriter();
    private final StringIds ids = new StringIds();
    private final RollCycle rollCycle;

    /**
     * @param rollCycle the roll cycle of the queue written: string ids start again at each
     *                  block of its indexes ({@link RecordLayout#blockStart})
     */
    public RecordEncoder(RollCycle rollCycle) {
        this.rollCycle = rollCycle;
    }

    /**
     * Writes each MDC entry it is given: the one {@link Map#forEach} action of this encoder, so
     * writing an MDC allocates nothing (iterating an unmodifiable map's entry set, what both
     * SLF4J's and Logback's MDC hand over, allocates an iterator and a view per entry).
     */
    private final class MdcWriter implements BiConsumer<String, String> {
        Bytes<?> bytes;

        @Override
        public void accept(String key, String value) {
            string(bytes, String.valueOf(key));
            string(bytes, String.valueOf(value));
        }
    }

    /** Writes the header with the timestamp left to {@link #timestamp} (called last). */
    public void header(Bytes<?> bytes, byte kind, byte level) {
        start = bytes.writePosition();
        bytes.writeByte(kind);
        bytes.writeByte(level);
        bytes.writeLong(0L);
        budget = MAX_RECORD_CHARS;
    }

    /**
     * Fills in the timestamp of the record begun by {@link #header}, as the last write before
     * the document closes: the record becomes visible right after its timestamp was taken, so
     * a reader's reorder window only has to cover the close, not the encoding.
     */
    public void timestamp(Bytes<?> bytes, long timestampNanos) {
        bytes.writeLong(start + TIMESTAMP_OFFSET, timestampNanos);
    }

    public void hello(Bytes<?> bytes, String process, long pid, long startMillis, String host,
                      String pidNamespace, String version) {
        bytes.writeByte(LAYOUT_VERSION);
        string(bytes, process);
        bytes.writeStopBit(pid);
        bytes.writeStopBit(startMillis);
        string(bytes, host);
        string(bytes, pidNamespace);
        string(bytes, version);
    }

    /**
     * Body of a {@link RecordLayout#KIND_LOG} record, read from {@code record}
     * ({@link MutableRecord#capture() captured} first by the writer; anything else still there
     * is written as its {@code toString()}). Thread, logger and template are ids, each string
     * defined at its first use in the block of {@code index}, the index of the document written.
     * If the document is then not written, {@link #forgetStrings} must follow.
     */
    public void log(Bytes<?> bytes, MutableRecord record, long index) {
        final StringIds ids = this.ids;
        ids.enter(rollCycle, index);
        ids.reserve(3);
        ref(bytes, record.thread());
        ref(bytes, record.logger());
        ref(bytes, record.template());
        rest(bytes, record);
    }

    /**
     * Body of a {@link RecordLayout#KIND_LOG_V1} record (layout 1: each string in full), the
     * record every reader reads without context: for tools and tests that write records of
     * their own.
     */
    public void logV1(Bytes<?> bytes, MutableRecord record) {
        string(bytes, record.thread());
        string(bytes, record.logger());
        string(bytes, record.template());
        rest(bytes, record);
    }

    /**
     * Forgets the string ids given so far: the record that defined some was not written, so
     * the next records define their strings again.
     */
    public void forgetStrings() {
        ids.forget();
    }

    /** The body after the template, the same in both layouts. */
    private void rest(Bytes<?> bytes, MutableRecord record) {
        final int argCount = record.argumentCount();
        bytes.writeStopBit(argCount);
        for (int i = 0; i < argCount; i++) {
            arg(bytes, record.argumentAt(i));
        }
        string(bytes, record.throwableText());
        final Map<String, String> mdc = record.mdc();
        if (mdc == null || mdc.isEmpty()) {
            bytes.writeStopBit(0);
        } else {
            bytes.writeStopBit(mdc.size());
            final MdcWriter w = mdcWriter;
            w.bytes = bytes;
            try {
                mdc.forEach(w); // in the map's order, as its entry set; no iterator, no entry views
            } finally {
                w.bytes = null;
            }
        }
        final int kvCount = record.keyValueCount();
        bytes.writeStopBit(kvCount);
        for (int i = 0; i < kvCount; i++) {
            string(bytes, record.keyAt(i));
            arg(bytes, record.valueAt(i));
        }
    }

    public void counter(Bytes<?> bytes, long dropped) {
        bytes.writeStopBit(dropped);
    }

    private void arg(Bytes<?> bytes, Object value) {
        if (value == null) {
            bytes.writeByte(ARG_NULL);
        } else if (value instanceof String) {
            bytes.writeByte(ARG_STRING);
            string(bytes, (String) value);
        } else if (value instanceof Integer) {
            bytes.writeByte(ARG_INT);
            bytes.writeInt((Integer) value);
        } else if (value instanceof Long) {
            bytes.writeByte(ARG_LONG);
            bytes.writeLong((Long) value);
        } else if (value instanceof Double) {
            bytes.writeByte(ARG_DOUBLE);
            bytes.writeDouble((Double) value);
        } else if (value instanceof Boolean) {
            bytes.writeByte(ARG_BOOLEAN);
            bytes.writeByte((byte) ((Boolean) value ? 1 : 0));
        } else if (value instanceof Float) {
            bytes.writeByte(ARG_FLOAT);
            bytes.writeFloat((Float) value);
        } else if (value instanceof Character) {
            bytes.writeByte(ARG_CHAR);
            bytes.writeUnsignedShort((Character) value);
        } else if (value instanceof Byte) {
            bytes.writeByte(ARG_BYTE);
            bytes.writeByte((Byte) value);
        } else if (value instanceof Short) {
            bytes.writeByte(ARG_SHORT);
            bytes.writeShort((Short) value);
        } else {
            bytes.writeByte(ARG_STRING);
            string(bytes, value.toString());
        }
    }

    /**
     * Writes an all-ASCII string in the layout of {@code writeUtf8} (stop-bit byte length, then
     * the bytes) with one bulk copy; false, having written nothing, if a char is not ASCII.
     */
    private boolean writeAscii(Bytes<?> bytes, String s, int n) {
        final byte[] b = ascii;
        for (int i = 0; i < n; i++) {
            final char c = s.charAt(i);
            if (c >= 0x80) {
                return false;
            }
            b[i] = (byte) c;
        }
        bytes.writeStopBit(n);
        bytes.write(b, 0, n);
        return true;
    }

    /**
     * Writes {@code s} as a {@code ref}: its id if this block has one, else a new id and the
     * string (a long string: {@link RecordLayout#LONG_STRING_ID} and the string). The chars count against the record's budget either way, so a record is cut
     * where a layout-1 record would be (thread, logger and template come first: each is cut
     * at {@link RecordLayout#MAX_FIELD_CHARS} whatever the record, so one id is one text).
     */
    private void ref(Bytes<?> bytes, String s) {
        if (s == null) {
            bytes.writeStopBit(NULL_STRING);
            return;
        }
        if (s.length() > MAX_KEPT_CHARS) {
            bytes.writeStopBit(-LONG_STRING_ID);
            string(bytes, s);
            return;
        }
        final StringIds ids = this.ids;
        final int known = ids.find(s);
        if (known > 0) {
            budget -= kept(s, MAX_FIELD_CHARS);
            bytes.writeStopBit(known);
            return;
        }
        bytes.writeStopBit(-ids.add(s));
        string(bytes, s);
    }

    /** Chars of {@code s} kept within {@code limit}: a surrogate pair is never split. */
    private static int kept(String s, int limit) {
        final int n = s.length();
        if (n <= limit) {
            return n;
        }
        return limit > 0 && Character.isHighSurrogate(s.charAt(limit - 1)) ? limit - 1 : limit;
    }

    private void string(Bytes<?> bytes, String s) {
        if (s == null) {
            bytes.writeStopBit(-1);
            return;
        }
        int limit = Math.min(MAX_FIELD_CHARS, Math.max(0, budget));
        final int n = s.length();
        if (n <= limit) {
            budget -= n;
            if (n > ascii.length || !writeAscii(bytes, s, n)) {
                bytes.writeUtf8(s);
            }
            return;
        }
        final int keep = kept(s, limit);
        budget -= keep;
        cut.setLength(0);
        cut.append(s, 0, keep).append(TRUNCATED_MARKER).append(s.length() - keep).append(" chars]");
        bytes.writeUtf8(cut);
        if (cut.capacity() > 4096) {
            cut.setLength(0);
            cut.trimToSize();
        }
    }
}
