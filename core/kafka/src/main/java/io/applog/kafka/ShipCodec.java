package io.applog.kafka;

import io.applog.Level;
import io.applog.record.DecodedRecord;

/**
 * Writes and reads the parts of a {@link ShipLayout} message: the identity that starts every
 * message, and one record of a records message. Encoder and decoder stand side by side so that
 * one cannot change without the other.
 */
final class ShipCodec {
    private ShipCodec() {
    }

    /** Who a message is about: the writer queue's HELLO and the host its shipper names. */
    record Identity(String host, String writer, String process, long pid, long startMillis) {
        /** The Kafka key: {@code <host>/<writer dir name>}. */
        String key() {
            return host + "/" + writer;
        }
    }

    /** Starts a message of {@code kind} about {@code id}. */
    static void header(ShipBuffer out, byte kind, Identity id) {
        out.putShort(ShipLayout.MAGIC);
        out.putByte(ShipLayout.VERSION);
        out.putByte(kind);
        out.putString(id.host());
        out.putString(id.writer());
        out.putString(id.process());
        out.putLong(id.pid());
        out.putLong(id.startMillis());
    }

    /**
     * Reads the start of a message: returns its kind; the identity is read into {@code id}
     * fields by the caller through {@link #identity}.
     *
     * @throws ShipReader.Malformed if it is not a message of a version this reader knows
     */
    static byte kind(ShipReader in) {
        short magic;
        try {
            magic = in.getShort();
        } catch (ShipReader.Malformed e) {
            throw new ShipReader.Malformed(ShipReader.Skipped.FOREIGN, "not an applog message (shorter than its magic)");
        }
        if (magic != ShipLayout.MAGIC) {
            throw new ShipReader.Malformed(ShipReader.Skipped.FOREIGN, "not an applog message (no magic)");
        }
        byte version = in.getByte();
        if (version != ShipLayout.VERSION) {
            throw new ShipReader.Malformed(ShipReader.Skipped.VERSION, "message version " + version
                    + " (this reader knows " + ShipLayout.VERSION + ")");
        }
        byte kind = in.getByte();
        if (kind != ShipLayout.KIND_RECORDS && kind != ShipLayout.KIND_BEAT) {
            throw new ShipReader.Malformed("message kind " + kind);
        }
        return kind;
    }

    /** Reads the identity that follows the kind. */
    static Identity identity(ShipReader in, StringBuilder scratch) {
        String host = in.getText(scratch);
        String writer = in.getText(scratch);
        String process = in.getText(scratch);
        return new Identity(host, writer, process, in.getLong(), in.getLong());
    }

    /** Appends one record to a records message. */
    static void record(ShipBuffer out, DecodedRecord r) {
        out.putLong(r.index);
        out.putLong(r.timestampNanos);
        out.putByte(r.level.code());
        out.putByte((r.hasTemplate ? ShipLayout.FLAG_TEMPLATE : 0) | (r.hasThrowable ? ShipLayout.FLAG_THROWABLE : 0));
        out.putString(r.thread);
        out.putString(r.logger);
        out.putString(r.template);
        final int argc = r.argCount;
        out.putInt(argc);
        for (int i = 0; i < argc; i++) {
            out.putString(r.args[i]);
        }
        if (r.hasThrowable) {
            out.putString(r.throwable);
        }
        out.putInt(r.mdcCount);
        for (int i = 0; i < r.mdcCount; i++) {
            out.putString(r.mdcKeys[i]);
            out.putString(r.mdcValues[i]);
        }
        out.putInt(r.kvCount);
        for (int i = 0; i < r.kvCount; i++) {
            out.putString(r.kvKeys[i]);
            out.putString(r.kvValues[i]);
        }
    }

    /** Reads one record of a records message into {@code r} (index, timestamp and fields). */
    static void record(ShipReader in, DecodedRecord r) {
        r.isPlain = false;
        r.index = in.getLong();
        r.timestampNanos = in.getLong();
        r.level = Level.fromCode(in.getByte());
        byte flags = in.getByte();
        in.getString(r.thread);
        in.getString(r.logger);
        in.getString(r.template);
        r.hasTemplate = (flags & ShipLayout.FLAG_TEMPLATE) != 0;
        final int argc = in.getCount(4);
        for (int i = 0; i < argc; i++) {
            in.getString(r.arg(i));
        }
        r.argCount = argc;
        r.hasThrowable = (flags & ShipLayout.FLAG_THROWABLE) != 0;
        if (r.hasThrowable) {
            in.getString(r.throwable);
        } else {
            r.throwable.setLength(0);
        }
        final int mdc = in.getCount(8);
        for (int i = 0; i < mdc; i++) {
            in.getString(r.mdcKey(i));
            in.getString(r.mdcValues[i]);
        }
        r.mdcCount = mdc;
        final int kv = in.getCount(8);
        for (int i = 0; i < kv; i++) {
            in.getString(r.kvKey(i));
            in.getString(r.kvValues[i]);
        }
        r.kvCount = kv;
    }
}
