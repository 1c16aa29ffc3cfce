package io.applog.kafka;

/**
 * Reads a {@link ShipLayout} message from its bytes; any read past the end, or a bad length,
 * throws {@link Malformed}, so that a foreign or damaged message is skipped as a whole.
 */
final class ShipReader {
    /** Why a message is skipped: each kind is reported once, and counted. */
    enum Skipped {
        /** Not applog's: no {@link ShipLayout#MAGIC} (another producer's message). */
        FOREIGN("not applog's"),
        /** applog's, of a {@link ShipLayout} version this reader does not know. */
        VERSION("of another layout version"),
        /** applog's, but cut short or with a bad length or string. */
        DAMAGED("damaged or truncated");

        /** How stderr and stats name it. */
        final String text;

        Skipped(String text) {
            this.text = text;
        }
    }

    /** The message is not a whole {@link ShipLayout} message. */
    static final class Malformed extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final Skipped kind;

        Malformed(String message) {
            this(Skipped.DAMAGED, message);
        }

        Malformed(Skipped kind, String message) {
            super(message, null, false, false);
            this.kind = kind;
        }
    }

    private static final int CHUNK = 4096;

    private byte[] bytes;
    private int pos;
    private final char[] chars = new char[CHUNK];
    private int end;

    /** Reads {@code b} from {@code from}. */
    ShipReader reset(byte[] b, int from) {
        this.bytes = b;
        this.pos = from;
        this.end = b == null ? 0 : b.length;
        return this;
    }

    int position() {
        return pos;
    }

    boolean atEnd() {
        return pos == end;
    }

    private void need(int n) {
        if (n < 0 || end - pos < n) {
            throw new Malformed("message ends at byte " + end + ", " + n + " more wanted at " + pos);
        }
    }

    byte getByte() {
        need(1);
        return bytes[pos++];
    }

    short getShort() {
        need(2);
        int v = (bytes[pos] & 0xFF) << 8 | bytes[pos + 1] & 0xFF;
        pos += 2;
        return (short) v;
    }

    int getInt() {
        need(4);
        int v = 0;
        for (int i = 0; i < 4; i++) {
            v = v << 8 | bytes[pos++] & 0xFF;
        }
        return v;
    }

    long getLong() {
        need(8);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = v << 8 | bytes[pos++] & 0xFF;
        }
        return v;
    }

    /** A count that must fit in what is left, at {@code minBytes} per item. */
    int getCount(int minBytes) {
        int n = getInt();
        if (n < 0 || (long) n * minBytes > end - pos) {
            throw new Malformed("count " + n + " at byte " + (pos - 4) + " does not fit in the message");
        }
        return n;
    }

    /**
     * Appends a string to {@code out} (after emptying it). The chars go through a buffer of
     * {@value #CHUNK}, appended in bulk: a char at a time was the collector's largest cost.
     */
    void getString(StringBuilder out) {
        out.setLength(0);
        int n = getInt();
        need(n);
        final byte[] b = bytes;
        final char[] c = chars;
        int p = pos;
        int k = 0;
        final int stop = p + n;
        while (p < stop) {
            if (k == CHUNK) {
                out.append(c, 0, k);
                k = 0;
            }
            int x = b[p++] & 0xFF;
            if (x < 0x80) {
                c[k++] = (char) x;
            } else if ((x & 0xE0) == 0xC0 && p < stop) {
                c[k++] = (char) ((x & 0x1F) << 6 | b[p++] & 0x3F);
            } else if ((x & 0xF0) == 0xE0 && p + 1 < stop) {
                c[k++] = (char) ((x & 0x0F) << 12 | (b[p] & 0x3F) << 6 | b[p + 1] & 0x3F);
                p += 2;
            } else {
                throw new Malformed("bad string byte at " + (p - 1));
            }
        }
        out.append(c, 0, k);
        pos = stop;
    }

    /** A string as a new String (identity fields, once per message). */
    String getText(StringBuilder scratch) {
        getString(scratch);
        return scratch.toString();
    }

    void skip(int n) {
        need(n);
        pos += n;
    }
}
