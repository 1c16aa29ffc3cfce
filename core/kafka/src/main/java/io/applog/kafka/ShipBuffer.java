package io.applog.kafka;

import java.util.Arrays;

/**
 * A growable byte array that {@link ShipLayout} messages are written into, reused message
 * after message; strings are written as CESU-8 without allocating.
 */
final class ShipBuffer {
    private byte[] bytes;
    private int length;

    ShipBuffer(int initial) {
        bytes = new byte[initial];
    }

    int length() {
        return length;
    }

    void clear() {
        length = 0;
    }

    /** A copy of what was written (Kafka keeps the array it is given). */
    byte[] toArray() {
        return Arrays.copyOf(bytes, length);
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }

    /** Cuts what was written back to {@code n} bytes. */
    void truncate(int n) {
        length = n;
    }

    /** A copy of the bytes from {@code from} to the end. */
    byte[] copyFrom(int from) {
        return Arrays.copyOfRange(bytes, from, length);
    }

    void putBytes(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, bytes, length, b.length);
        length += b.length;
    }

    void putByte(int b) {
        ensure(1);
        bytes[length++] = (byte) b;
    }

    void putShort(int v) {
        ensure(2);
        bytes[length++] = (byte) (v >>> 8);
        bytes[length++] = (byte) v;
    }

    void putInt(int v) {
        ensure(4);
        putIntAt(length, v);
        length += 4;
    }

    void putIntAt(int at, int v) {
        bytes[at] = (byte) (v >>> 24);
        bytes[at + 1] = (byte) (v >>> 16);
        bytes[at + 2] = (byte) (v >>> 8);
        bytes[at + 3] = (byte) v;
    }

    void putLong(long v) {
        ensure(8);
        putLongAt(length, v);
        length += 8;
    }

    void putLongAt(int at, long v) {
        for (int i = 7; i >= 0; i--) {
            bytes[at + i] = (byte) v;
            v >>>= 8;
        }
    }

    /** A string: its length in bytes, then each UTF-16 unit as 1 to 3 bytes. */
    void putString(CharSequence s) {
        final int n = s.length();
        ensure(4 + 3 * n);
        final int at = length;
        int p = at + 4;
        final byte[] b = bytes;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                b[p++] = (byte) c;
            } else if (c < 0x800) {
                b[p++] = (byte) (0xC0 | c >> 6);
                b[p++] = (byte) (0x80 | c & 0x3F);
            } else {
                b[p++] = (byte) (0xE0 | c >> 12);
                b[p++] = (byte) (0x80 | c >> 6 & 0x3F);
                b[p++] = (byte) (0x80 | c & 0x3F);
            }
        }
        putIntAt(at, p - at - 4);
        length = p;
    }
}
