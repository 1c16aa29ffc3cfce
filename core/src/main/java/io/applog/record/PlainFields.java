package io.applog.record;

/**
 * The text fields of a LOG record that holds nothing but plain ASCII (U+0020..U+007E and TAB),
 * kept as the bytes they are in the queue: thread, logger, template, then each argument as
 * text. A text line made of them needs no escaping and no UTF-8 encoding, so a format can copy
 * them straight into its output ({@link io.applog.format.RecordFormat#formatBytes}).
 *
 * <p>Filled by {@link RecordDecoder} when asked to ({@link RecordDecoder#RecordDecoder(boolean)});
 * a record with anything else in those fields (non-ASCII, a line break, a control char), a
 * null template or a throwable is decoded into the {@link DecodedRecord}'s char buffers instead.
 * Mutable and reused, like the event that holds it.
 */
public final class PlainFields {
    public static final int THREAD = 0;
    public static final int LOGGER = 1;
    public static final int TEMPLATE = 2;
    /** Field number of the first argument. */
    public static final int FIRST_ARG = 3;

    /** Bytes kept for one record at most; a record with more is decoded as chars. */
    static final int MAX_BYTES = 1 << 16;

    private byte[] bytes = new byte[256];
    private int length;
    private int[] starts = new int[8];
    private int[] ends = new int[8];
    private int fields;

    /** The bytes of every field, one after the other. */
    public byte[] bytes() {
        return bytes;
    }

    /** Total bytes of all fields. */
    public int length() {
        return length;
    }

    /** Start (inclusive) of field {@code f} in {@link #bytes()}. */
    public int start(int f) {
        return starts[f];
    }

    /** End (exclusive) of field {@code f} in {@link #bytes()}. */
    public int end(int f) {
        return ends[f];
    }

    /** Number of arguments (fields after {@link #FIRST_ARG}). */
    public int argCount() {
        return fields - FIRST_ARG;
    }

    void clear() {
        length = 0;
        fields = 0;
    }

    /** Makes room for {@code n} more bytes; false if the record would pass {@link #MAX_BYTES}. */
    boolean reserve(int n) {
        final int need = length + n;
        if (need > MAX_BYTES) {
            return false;
        }
        if (need > bytes.length) {
            byte[] grown = new byte[Math.min(MAX_BYTES, Math.max(need, bytes.length * 2))];
            System.arraycopy(bytes, 0, grown, 0, length);
            bytes = grown;
        }
        return true;
    }

    /** Ends a field whose bytes were written from {@code start} to the current length. */
    void endField(int start, int end) {
        if (fields == starts.length) {
            starts = java.util.Arrays.copyOf(starts, fields * 2);
            ends = java.util.Arrays.copyOf(ends, fields * 2);
        }
        starts[fields] = start;
        ends[fields] = end;
        fields++;
        length = end;
    }

    /** Appends an ASCII string as one field (the caller reserved room). */
    void addAscii(String s) {
        final int start = length;
        final int n = s.length();
        for (int i = 0; i < n; i++) {
            bytes[start + i] = (byte) s.charAt(i);
        }
        endField(start, start + n);
    }

    /** Appends the decimal text of {@code v} as one field; false if out of room. */
    boolean addLong(long v) {
        if (!reserve(20)) {
            return false;
        }
        final int start = length;
        int p = start;
        long rest = v;
        if (rest < 0) {
            bytes[p++] = '-';
        } else {
            rest = -rest; // digits from the negative value, so Long.MIN_VALUE works
        }
        final int digitsStart = p;
        do {
            bytes[p++] = (byte) ('0' - rest % 10);
            rest /= 10;
        } while (rest != 0);
        for (int i = digitsStart, j = p - 1; i < j; i++, j--) {
            final byte t = bytes[i];
            bytes[i] = bytes[j];
            bytes[j] = t;
        }
        endField(start, p);
        return true;
    }

    /** Current end of the bytes written. */
    int position() {
        return length;
    }
}
