package io.applog.kafka;

import io.applog.record.DecodedRecord;

/** One writer's records being packed into its next message, and its last beat. */
final class Outgoing {
    final ShipCodec.Identity id;
    final ShipBuffer buffer = new ShipBuffer(64 * 1024);
    int count;
    /** Index of the last record put into a message; -1 (unknown) since the restore. */
    long lastIndex = ShipLayout.PREV_UNKNOWN;
    private int countAt;
    private int lastAt;
    /** Where the last record added starts, and the index before it. */
    private int lastRecordAt;
    long previousIndex = ShipLayout.PREV_UNKNOWN;
    byte beatState = ShipLayout.STATE_LIVE;
    long beatNanos = Long.MIN_VALUE / 2;

    Outgoing(ShipCodec.Identity id) {
        this.id = id;
    }

    void add(DecodedRecord r) {
        if (count == 0) {
            start();
        }
        lastRecordAt = buffer.length();
        ShipCodec.record(buffer, r);
        previousIndex = lastIndex;
        lastIndex = r.index;
        count++;
    }

    private void start() {
        buffer.clear();
        ShipCodec.header(buffer, ShipLayout.KIND_RECORDS, id);
        buffer.putLong(lastIndex);
        lastAt = buffer.length();
        buffer.putLong(0); // last index, set by finish()
        countAt = buffer.length();
        buffer.putInt(0);
    }

    /** The message without its last record, which starts the next message (count 2 or more). */
    byte[] finishAllButLast() {
        byte[] moved = buffer.copyFrom(lastRecordAt);
        long movedIndex = lastIndex;
        buffer.truncate(lastRecordAt);
        lastIndex = previousIndex;
        count--;
        byte[] message = finish();
        start();
        lastRecordAt = buffer.length();
        buffer.putBytes(moved);
        lastIndex = movedIndex;
        count = 1;
        return message;
    }

    /** The message's bytes, its last index and count filled in; the next add starts a new one. */
    byte[] finish() {
        buffer.putLongAt(lastAt, lastIndex);
        buffer.putIntAt(countAt, count);
        count = 0;
        return buffer.toArray();
    }
}
